namespace TriggerFlow.Runtime.Tests.EndToEnd;

/// <summary>
/// A rules folder for tests on real time: the repository's catalog and one rule whose window is
/// seconds long, so a crash test finishes in a few minutes. No governance file, so no
/// quiet hours depend on when the test runs.
/// </summary>
internal sealed class QuickRules : IDisposable
{
    public const string Rule = "quick-cart";

    /// <summary>
    /// The allowed lateness for hosts running these rules. Each event carries the client's clock as its
    /// time, and the host stamps its arrival when it takes the request; on a busy machine that gap can
    /// pass a second, and an event further behind the customer's clock than the allowed lateness is
    /// ignored as late (docs/semantics.md), leaving its customer without a reminder. 30 s is far above
    /// any honest gap; it only delays each reminder by as much.
    /// </summary>
    public const int LatenessSeconds = 30;

    public QuickRules(int windowSeconds)
    {
        Folder = Path.Combine(Path.GetTempPath(), "triggerflow-rules-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        File.Copy(Path.Combine(HostFolder.RepositoryRoot, "rules", "catalog.yaml"), Path.Combine(Folder, "catalog.yaml"));
        File.WriteAllText(Path.Combine(Folder, "quick-cart.trigger"), $"""
            rule "{Rule}"
              owner "runtime tests"
              status always-on
              priority 50
              when added to cart
              without checkout within {windowSeconds}s
              send email template "cart-reminder"

            """);
    }

    public string Folder { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
