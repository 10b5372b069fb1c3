extern alias cli;

using cli::TriggerFlow.Cli;
using TriggerFlow.Runtime.Tests.Operations;

namespace TriggerFlow.Runtime.Tests.Deployment;

/// <summary>
/// <c>triggerflow deploy</c>, <c>rollback</c> and <c>status</c>, in process, against a running host. What the
/// commands do without a host (rule errors, an unreachable host, a bad URL) is in TriggerFlow.Cli.Tests (Commands/DeployCommandTests).
/// </summary>
public sealed class CliDeployTests
{
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
    public async Task A_wrong_key_exits_2()
    {
        using var rules = new RulesSandbox();
        await using var host = await RunningHost.StartAsync(rules.RulesFolder);

        var run = Run(rules, "rollback", "--to", host.Address.ToString(), "--key", "wrong");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: the host refused the admin key (401)", run.Error, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Out, string Error) Run(RulesSandbox rules, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApp.Run(args, new CliContext(output, error, rules.Root, UseColour: false));
        return (exitCode, output.ToString(), error.ToString());
    }
}
