using System.Text.Json;

namespace TriggerFlow.Cli.Tests.Commands;

/// <summary>
/// <c>triggerflow check FILE</c> checks the file in the context of its whole folder: a problem the
/// file takes part in is reported, where it is, even when that is in another file.
/// </summary>
public sealed class CheckFileInFolderTests
{
    private const string Catalog = """
        channels: [email, sms]
        events:
          viewed product:
            properties:
              product: string
          purchase:
            properties:
              total: number
        templates:
          welcome:
            channels: [email]
            parameters: []
        """;

    private static string Rule(string name) => $"""
        rule "{name}"
          owner "growth"
          when viewed product
          without purchase within 1d
          send email template "welcome"

        """;

    [Fact]
    public void A_rule_name_used_again_in_another_file_fails_the_file_that_used_it_first()
    {
        using var folder = new RulesFolder(("a.trigger", Rule("welcome")), ("b.trigger", Rule("welcome")));

        var run = folder.Check("rules/a.trigger");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error[TF0500]: rule `welcome` is already defined at ", run.Out, StringComparison.Ordinal);
        Assert.Contains("rules/a.trigger:1\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("rules/b.trigger:1:", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("1 error in 1 file\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_that_repeats_the_name_still_fails_where_it_is()
    {
        using var folder = new RulesFolder(("a.trigger", Rule("welcome")), ("b.trigger", Rule("welcome")));

        var run = folder.Check("rules/b.trigger");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rules/b.trigger:1:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_channel_cap_fails_the_file_with_the_first()
    {
        using var folder = new RulesFolder(
            ("governance.trigger", "channel email at most 1 per 1d\n"),
            ("welcome.trigger", Rule("welcome") + "channel email at most 2 per 7d\n"));

        var run = folder.Check("rules/governance.trigger");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error[TF0503]: caps for channel `email` are already declared at ", run.Out, StringComparison.Ordinal);
        Assert.Contains("rules/welcome.trigger:6:9", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Second_default_quiet_hours_fail_the_file_with_the_first()
    {
        using var folder = new RulesFolder(
            ("governance.trigger", "quiet hours 21:00 to 08:00\n"),
            ("night.trigger", "quiet hours 22:00 to 07:00\n"));

        var run = folder.Check("rules/governance.trigger");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error[TF0504]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_segment_defined_again_elsewhere_fails_the_file_with_the_first()
    {
        using var folder = new RulesFolder(
            ("segments.trigger", "segment buyers: profile.country = \"FR\"\n"),
            ("welcome.trigger", Rule("welcome") + "segment buyers: profile.country = \"DE\"\n"));

        var run = folder.Check("rules/segments.trigger");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error[TF0501]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_segment_loop_across_files_fails_every_file_on_the_loop()
    {
        using var folder = new RulesFolder(
            ("a.trigger", "segment first: segment second\n"),
            ("b.trigger", "segment second: segment first\n"),
            ("c.trigger", Rule("welcome")));

        Assert.Equal(1, folder.Check("rules/a.trigger").ExitCode);
        Assert.Equal(1, folder.Check("rules/b.trigger").ExitCode);
        Assert.Equal(0, folder.Check("rules/c.trigger").ExitCode);
    }

    [Fact]
    public void A_problem_between_two_other_files_is_not_reported()
    {
        using var folder = new RulesFolder(("a.trigger", Rule("welcome")), ("b.trigger", Rule("welcome")), ("c.trigger", Rule("other")));

        var run = folder.Check("rules/c.trigger");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("no errors or warnings", run.Out.Trim());
    }

    [Fact]
    public void Json_and_github_formats_report_the_cross_file_error_where_it_is()
    {
        using var folder = new RulesFolder(("a.trigger", Rule("welcome")), ("b.trigger", Rule("welcome")));

        var json = folder.Check("rules/a.trigger", "--format", "json");
        var github = folder.Check("rules/a.trigger", "--format", "github");

        Assert.Equal(1, json.ExitCode);
        var reported = Assert.Single(JsonDocument.Parse(json.Out).RootElement.EnumerateArray());
        Assert.EndsWith("rules/b.trigger", reported.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, github.ExitCode);
        Assert.Contains("rules/b.trigger,line=1,", github.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Naming_the_folder_reports_the_error_once()
    {
        using var folder = new RulesFolder(("a.trigger", Rule("welcome")), ("b.trigger", Rule("welcome")));

        var run = folder.Check("rules/a.trigger", "rules/b.trigger");

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("1 error in 1 file\n", run.Out, StringComparison.Ordinal);
    }

    /// <summary>A temporary rules folder with a small catalog and the given rule files; the CLI runs in process inside it.</summary>
    private sealed class RulesFolder : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("triggerflow-check-").FullName;

        public RulesFolder(params (string Name, string Text)[] files)
        {
            Directory.CreateDirectory(Path.Combine(_root, "rules"));
            File.WriteAllText(Path.Combine(_root, "rules", "catalog.yaml"), Catalog);
            foreach (var (name, text) in files)
            {
                File.WriteAllText(Path.Combine(_root, "rules", name), text);
            }
        }

        public (int ExitCode, string Out) Check(params string[] args)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exitCode = CliApp.Run(["check", .. args], new CliContext(output, error, _root, UseColour: false));
            return (exitCode, output.ToString());
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
