using TriggerFlow.Cli.Tests.Support;

namespace TriggerFlow.Cli.Tests.Commands;

/// <summary>
/// <c>triggerflow deploy</c>, <c>rollback</c> and <c>status</c> where they need no host: checking the rules,
/// an unreachable host and a bad URL. The runs against a real host are in the runtime tests (Deployment/CliDeployTests).
/// </summary>
public sealed class DeployCommandTests
{
    /// <summary>A port nothing listens on, to prove a command did not need the host.</summary>
    private const string Nowhere = "http://127.0.0.1:9";

    [Fact]
    public void Rules_with_errors_stop_deploy_before_it_contacts_the_host()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("rules/broken.trigger", CliSandbox.SyntaxErrorRule);

        var run = sandbox.Run("deploy", "--to", Nowhere, "--key", "k");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error[TF0001]", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot reach", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_host_exits_2_with_a_sentence()
    {
        using var sandbox = new CliSandbox();

        // Nothing listens on the port, so the connection is refused at once; the timeout is only a hang
        // guard, generous so that a busy machine cannot turn the refusal into a timeout message.
        var run = sandbox.Run("deploy", "--to", Nowhere, "--key", "k", "--timeout", "60");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: cannot reach the host at http://127.0.0.1:9/", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("not a url")]
    public void A_bad_url_is_a_usage_error(string url)
    {
        using var sandbox = new CliSandbox();

        var run = sandbox.Run("status", "--to", url, "--key", "k");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not an http:// or https:// URL", run.Error, StringComparison.Ordinal);
    }
}
