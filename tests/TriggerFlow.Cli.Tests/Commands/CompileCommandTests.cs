using System.Text.Json;
using TriggerFlow.Cli.Tests.Support;

namespace TriggerFlow.Cli.Tests.Commands;

public sealed class CompileCommandTests
{
    [Fact]
    public void Without_out_the_plan_set_is_printed_as_json()
    {
        using var sandbox = new CliSandbox();

        var run = sandbox.Run("compile");

        Assert.Equal(0, run.ExitCode);
        using var plans = JsonDocument.Parse(run.Out);
        var rule = Assert.Single(plans.RootElement.GetProperty("rules").EnumerateArray());
        Assert.Equal("welcome", rule.GetProperty("name").GetString());
    }

    [Fact]
    public void Out_writes_the_set_and_one_file_per_rule()
    {
        using var sandbox = new CliSandbox();

        var run = sandbox.Run("compile", "rules", "--out", "plans");

        Assert.Equal(0, run.ExitCode);
        using var set = JsonDocument.Parse(sandbox.Read("plans/plans.json"));
        using var rule = JsonDocument.Parse(sandbox.Read("plans/rules/welcome.json"));
        Assert.Equal("welcome", rule.RootElement.GetProperty("name").GetString());
        Assert.Empty(Directory.GetDirectories(sandbox.Root, ".plans.tmp-*"));
    }

    [Fact]
    public void Out_replaces_what_was_in_the_folder()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("plans/rules/deleted-rule.json", "{}");

        var run = sandbox.Run("compile", "--out", "plans");

        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(sandbox.PathOf("plans/rules/deleted-rule.json")));
        Assert.True(File.Exists(sandbox.PathOf("plans/rules/welcome.json")));
    }

    [Fact]
    public void A_rule_error_exits_1_and_writes_nothing()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("rules/broken.trigger", CliSandbox.SyntaxErrorRule);
        sandbox.Write("plans/plans.json", "old");

        var run = sandbox.Run("compile", "--out", "plans");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("TF0001", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing written", run.Error, StringComparison.Ordinal);
        Assert.Equal("old", sandbox.Read("plans/plans.json"));
        Assert.False(Directory.Exists(sandbox.PathOf("plans/rules")));
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Emit_rulesengine_writes_the_audience_workflows()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("rules/welcome.trigger", CliSandbox.ValidRule + "  and profile.country = \"US\"\n");

        var run = sandbox.Run("compile", "--emit", "rulesengine", "--out", "engine");

        Assert.Equal(0, run.ExitCode);
        using var export = JsonDocument.Parse(sandbox.Read("engine/rulesengine.json"));
        var workflow = Assert.Single(export.RootElement.GetProperty("workflows").EnumerateArray());
        Assert.Contains("welcome", workflow.GetProperty("WorkflowName").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Out_naming_a_file_is_a_usage_error()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("plans", "a file");

        var run = sandbox.Run("compile", "--out", "plans");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_folder_that_cannot_be_created_is_an_io_error_without_a_stack_trace()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("plans", "a file");

        var run = sandbox.Run("compile", "--out", "plans/nested");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("a file", sandbox.Read("plans"));
    }
}
