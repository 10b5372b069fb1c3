using TriggerFlow.Engine.Tests.Support;

namespace TriggerFlow.Cli.Tests.Commands;

/// <summary><c>triggerflow test</c>, run in process in a copy of the real rules folder.</summary>
public sealed class TestCommandTests : IDisposable
{
    private const string Passing = """
        scenario "a reminder an hour after the first item"
          rules cart-reminder
          start 2026-07-10 10:00
          mary added to cart with cart = "C-1"
          +2h
          expect email cart-reminder to mary at 2026-07-10 11:00
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("triggerflow-test-").FullName;

    public TestCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "rules"));
        foreach (var file in Directory.EnumerateFiles(Rules.RulesFolder).Where(f => f.EndsWith(".trigger", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(_root, "rules", Path.GetFileName(file)));
        }
    }

    [Fact]
    public void Passing_scenarios_exit_0_with_the_summary_on_its_own_line()
    {
        Write("rules/cart.scenario", Passing);

        var (code, output, _) = Run("test");

        Assert.Equal(0, code);
        Assert.Contains("PASS  a reminder an hour after the first item  (", output, StringComparison.Ordinal);
        Assert.EndsWith("\n1 passed, 0 failed\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_scenario_exits_1_and_shows_the_difference()
    {
        Write("rules/cart.scenario", Passing);
        Write("rules/more/late.scenario", Passing.Replace("11:00", "12:00", StringComparison.Ordinal).Replace("a reminder", "late", StringComparison.Ordinal));

        var (code, output, _) = Run("test", "rules");

        Assert.Equal(1, code);
        Assert.Contains("FAIL  late an hour after the first item  (", output, StringComparison.Ordinal);
        Assert.Contains("    expected: expect email cart-reminder to mary at 2026-07-10 12:00\n", output, StringComparison.Ordinal);
        Assert.Contains("  mary's timeline (times in UTC):\n", output, StringComparison.Ordinal);
        Assert.EndsWith("\n1 passed, 1 failed\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_error_exits_1_with_the_diagnostic()
    {
        Write("rules/bad.scenario", Passing.Replace("cart-reminder to", "cart-remindr to", StringComparison.Ordinal));

        var (code, output, _) = Run("test", "rules/bad.scenario");

        Assert.Equal(1, code);
        Assert.Contains("error[TF0809]: no rule `cart-remindr` in this scenario's `rules` line", output, StringComparison.Ordinal);
        Assert.Contains("bad.scenario:6:16", output, StringComparison.Ordinal);
        Assert.EndsWith("\n0 passed, 1 failed\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_that_do_not_compile_exit_1()
    {
        Write("rules/cart.scenario", Passing);
        Write("rules/broken.trigger", "rule \"broken\"\n  when added to cart\n  sned email\n");

        var (code, output, _) = Run("test");

        Assert.Equal(1, code);
        Assert.Contains("error[TF0", output, StringComparison.Ordinal);
        Assert.Contains("were not run: the rules have errors", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules/nope")]
    [InlineData("rules/catalog.yaml")]
    public void A_wrong_path_exits_2(string path)
    {
        var (code, _, error) = Run("test", path);

        Assert.Equal(2, code);
        Assert.StartsWith("error: `" + path + "`", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_scenarios_exits_2()
    {
        var (code, _, error) = Run("test");

        Assert.Equal(2, code);
        Assert.Equal("error: no .scenario files in `rules`\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_scenario_outside_any_rules_folder_exits_2()
    {
        Write("elsewhere/a.scenario", Passing);

        var (code, _, error) = Run("test", "elsewhere");

        Assert.Equal(2, code);
        Assert.Contains("no catalog.yaml found above", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
    }

    private (int Code, string Out, string Error) Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, new CliContext(output, error, _root, UseColour: false));
        return (code, output.ToString(), error.ToString());
    }
}
