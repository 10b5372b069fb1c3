extern alias cli;

using cli::TriggerFlow.Cli;
using TriggerFlow.Runtime.Tests.Operations;

namespace TriggerFlow.Runtime.Tests.Deployment;

/// <summary><c>triggerflow deploy</c>, <c>rollback</c> and <c>status</c>, in process, against a running host.</summary>
public sealed class CliDeployTests
{
    /// <summary>A port nothing listens on, to prove a command did not need the host.</summary>
    private const string Nowhere = "http://127.0.0.1:9";

    [Fact]
    public async Task Deploy_status_and_rollback_work_against_the_host()
    {
        using var rules = new RulesSandbox();
        await using var host = await RunningHost.StartAsync(rules.RulesFolder);
        var first = rules.Version();

        var same = Run(rules, "deploy", "rules", "--to", host.Address.ToString(), "--key", RunningHost.AdminKey);
        Assert.Equal((0, $"version {first} is already active; nothing changed\n"), (same.ExitCode, same.Out));

        rules.Write("rules/welcome.trigger", RulesSandbox.WelcomeLater);
        var second = rules.Version();
        var deployed = Run(rules, "deploy", "--to", host.Address.ToString(), "--key", RunningHost.AdminKey);
        Assert.Equal((0, $"deployed version {second} (1 rule, deployment 2)\n"), (deployed.ExitCode, deployed.Out));

        var status = Run(rules, "status", "--to", host.Address.ToString(), "--key", RunningHost.AdminKey);
        Assert.Equal(0, status.ExitCode);
        Assert.StartsWith($"active: version {second}", status.Out, StringComparison.Ordinal);
        Assert.Contains($"earlier: version {first}", status.Out, StringComparison.Ordinal);

        var rollback = Run(rules, "rollback", "--to", host.Address.ToString(), "--key", RunningHost.AdminKey);
        Assert.Equal((0, $"rolled back from version {second} to version {first} (deployment 1)\n"), (rollback.ExitCode, rollback.Out));

        var nothingLeft = Run(rules, "rollback", "--to", host.Address.ToString(), "--key", RunningHost.AdminKey);
        Assert.Equal(1, nothingLeft.ExitCode);
        Assert.Contains("no earlier deployment", nothingLeft.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_with_errors_stop_deploy_before_it_contacts_the_host()
    {
        using var rules = new RulesSandbox();
        rules.Write("rules/broken.trigger", RulesSandbox.Broken);

        var run = Run(rules, "deploy", "--to", Nowhere, "--key", "k");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error[TF0001]", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot reach", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_host_exits_2_with_a_sentence()
    {
        using var rules = new RulesSandbox();

        var run = Run(rules, "deploy", "--to", Nowhere, "--key", "k", "--timeout", "5");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: cannot reach the host at http://127.0.0.1:9/", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_exits_2()
    {
        using var rules = new RulesSandbox();
        await using var host = await RunningHost.StartAsync(rules.RulesFolder);

        var run = Run(rules, "rollback", "--to", host.Address.ToString(), "--key", "wrong");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: the host refused the admin key (401)", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("not a url")]
    public void A_bad_url_is_a_usage_error(string url)
    {
        using var rules = new RulesSandbox();

        var run = Run(rules, "status", "--to", url, "--key", "k");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not an http:// or https:// URL", run.Error, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Out, string Error) Run(RulesSandbox rules, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApp.Run(args, new CliContext(output, error, rules.Root, UseColour: false));
        return (exitCode, output.ToString(), error.ToString());
    }
}
