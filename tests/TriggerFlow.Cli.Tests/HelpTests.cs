using TriggerFlow.Cli.Tests.Support;

namespace TriggerFlow.Cli.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData("check")]
    [InlineData("fmt")]
    [InlineData("compile")]
    public void Each_command_has_help_that_lists_the_exit_codes(string command)
    {
        using var sandbox = new CliSandbox();

        var run = sandbox.Run(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"triggerflow {command}", run.Out, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void The_root_help_lists_the_commands()
    {
        using var sandbox = new CliSandbox();

        var run = sandbox.Run("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("check", run.Out, StringComparison.Ordinal);
        Assert.Contains("fmt", run.Out, StringComparison.Ordinal);
        Assert.Contains("compile", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void No_command_is_a_usage_error()
    {
        using var sandbox = new CliSandbox();

        var run = sandbox.Run();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("triggerflow --help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        using var sandbox = new CliSandbox();

        var run = sandbox.Run("check", "--frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--frobnicate", run.Error, StringComparison.Ordinal);
    }
}
