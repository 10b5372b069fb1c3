using TriggerFlow.Cli.Tests.Support;

namespace TriggerFlow.Cli.Tests.Commands;

public sealed class FmtCommandTests
{
    private const string Unformatted = "RULE \"welcome\" OWNER \"growth\" WHEN viewed product WITHOUT purchase WITHIN 1d SEND email TEMPLATE \"welcome\"\n";

    [Fact]
    public void Check_lists_an_unformatted_file_and_exits_1_without_writing()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("rules/welcome.trigger", Unformatted);

        var run = sandbox.Run("fmt", "--check");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("welcome.trigger", run.Out, StringComparison.Ordinal);
        Assert.Equal(Unformatted, sandbox.Read("rules/welcome.trigger"));
    }

    [Fact]
    public void Fmt_rewrites_the_file_and_then_check_passes()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("rules/welcome.trigger", Unformatted);

        var format = sandbox.Run("fmt", "rules");
        var check = sandbox.Run("fmt", "--check", "rules");

        Assert.Equal(0, format.ExitCode);
        Assert.Contains("formatted 1 of 1 file", format.Out, StringComparison.Ordinal);
        Assert.NotEqual(Unformatted, sandbox.Read("rules/welcome.trigger"));
        Assert.StartsWith("rule \"welcome\"\n", sandbox.Read("rules/welcome.trigger"), StringComparison.Ordinal);
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("already formatted", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_a_syntax_error_is_reported_and_left_untouched()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("rules/broken.trigger", CliSandbox.SyntaxErrorRule);

        var run = sandbox.Run("fmt", "rules/broken.trigger");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("TF0001", run.Out, StringComparison.Ordinal);
        Assert.Contains("left unchanged", run.Out, StringComparison.Ordinal);
        Assert.Equal(CliSandbox.SyntaxErrorRule, sandbox.Read("rules/broken.trigger"));
    }

    [Fact]
    public void Only_the_named_files_are_rewritten()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("rules/welcome.trigger", Unformatted);
        sandbox.Write("rules/other.trigger", Unformatted.Replace("welcome\" OWNER", "other\" OWNER", StringComparison.Ordinal));

        var run = sandbox.Run("fmt", "rules/welcome.trigger");

        Assert.Equal(0, run.ExitCode);
        Assert.NotEqual(Unformatted, sandbox.Read("rules/welcome.trigger"));
        Assert.StartsWith("RULE \"other\"", sandbox.Read("rules/other.trigger"), StringComparison.Ordinal);
    }
}
