using System.Text.Json;
using TriggerFlow.Cli.Tests.Support;

namespace TriggerFlow.Cli.Tests.Commands;

public sealed class CheckCommandTests
{
    [Fact]
    public void Valid_rules_exit_0_with_a_summary()
    {
        using var sandbox = new CliSandbox();

        var run = sandbox.Run("check");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("no errors or warnings", run.Out.Trim());
    }

    [Fact]
    public void A_rule_error_exits_1_and_names_the_file_and_line()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("rules/broken.trigger", CliSandbox.SyntaxErrorRule);

        var run = sandbox.Run("check", "rules");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error[TF0001]", run.Out, StringComparison.Ordinal);
        Assert.Contains("broken.trigger:3:12", run.Out, StringComparison.Ordinal);
        Assert.Contains(" 3 |   priority high", run.Out, StringComparison.Ordinal);
        Assert.Contains("^", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("1 error in 1 file\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_named_files_are_reported()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("rules/broken.trigger", CliSandbox.SyntaxErrorRule);

        var run = sandbox.Run("check", "rules/welcome.trigger");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("broken.trigger", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_exits_2_and_says_which()
    {
        using var sandbox = new CliSandbox();

        var run = sandbox.Run("check", "rules/nope.trigger");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nope.trigger` does not exist", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_a_catalog_exits_2()
    {
        using var sandbox = new CliSandbox();
        File.Delete(sandbox.PathOf("rules/catalog.yaml"));

        var run = sandbox.Run("check");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("catalog.yaml", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error()
    {
        using var sandbox = new CliSandbox();

        var run = sandbox.Run("check", "--format", "xml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_is_one_parseable_document_on_stdout()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("rules/broken.trigger", CliSandbox.SyntaxErrorRule);

        var run = sandbox.Run("check", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        var diagnostic = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal("TF0001", diagnostic.GetProperty("code").GetString());
        Assert.Equal(3, diagnostic.GetProperty("line").GetInt32());
        Assert.Contains("1 error in 1 file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Github_output_is_one_workflow_annotation_per_problem()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("rules/broken.trigger", CliSandbox.SyntaxErrorRule);

        var run = sandbox.Run("check", "--format", "github");

        Assert.Equal(1, run.ExitCode);
        var annotation = Assert.Single(run.Out.Split('\n'), line => line.StartsWith("::", StringComparison.Ordinal));
        Assert.StartsWith("::error file=", annotation, StringComparison.Ordinal);
        Assert.Contains("broken.trigger,line=3", annotation, StringComparison.Ordinal);
    }
}
