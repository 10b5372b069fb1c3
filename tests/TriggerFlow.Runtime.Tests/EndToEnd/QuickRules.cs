namespace TriggerFlow.Runtime.Tests.EndToEnd;

/// <summary>
/// A rules folder for tests on real time: the repository's catalog and one rule whose window is
/// seconds long, so a crash test finishes in well under two minutes. No governance file, so no
/// quiet hours depend on when the test runs.
/// </summary>
internal sealed class QuickRules : IDisposable
{
    public const string Rule = "quick-cart";

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
