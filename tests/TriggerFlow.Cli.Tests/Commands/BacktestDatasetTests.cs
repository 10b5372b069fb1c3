using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TriggerFlow.Cli.Tests.Commands;

/// <summary>
/// A public dataset's CSV backtests with <c>--map</c> and <c>--event-map</c> alone: the REES46
/// example of docs/backtest.md is run exactly as the page writes it, against the shipped rules,
/// and its report checked against the sample file itself.
/// </summary>
public sealed partial class BacktestDatasetTests : IDisposable
{
    private const string Sample = "rules/samples/rees46.csv";

    private static readonly string RepositoryRoot = typeof(BacktestDatasetTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;

    private readonly string _folder = Directory.CreateTempSubdirectory("triggerflow-datasets-").FullName;

    [Fact]
    public void The_documented_REES46_command_prints_the_documented_headline()
    {
        var (command, headline) = DocumentedExample();
        Assert.Equal(["./triggerflow", "backtest", "rules", "--events", Sample, "--map", command[6], "--event-map", command[8]], command);

        var run = Run(command[1..]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(headline, run.Out.Split('\n')[0].TrimEnd());
        Assert.Contains("cart-reminder", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_REES46_sample_reports_every_line_and_cart_reminders_per_visit()
    {
        var (command, _) = DocumentedExample();
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot, Sample)).Skip(1).Select(l => l.Split(',')).ToList();
        var kinds = lines.GroupBy(f => f[1]).ToDictionary(g => g.Key, g => g.Count());
        var cartedVisits = lines.Where(f => f[1] == "cart").Select(f => f[8]).Distinct().Count();

        var run = Run([.. command[1..], "--format", "json"]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var input = json.RootElement.GetProperty("input");
        Assert.Equal(("csv", lines.Count, kinds["view"] + kinds["cart"] + kinds["purchase"], 0L), (input.GetProperty("format").GetString(), input.GetProperty("lines").GetInt32(), input.GetProperty("events").GetInt32(), input.GetProperty("badLines").GetInt64()));
        Assert.Equal(kinds["remove_from_cart"], input.GetProperty("unknownEvents").GetProperty("remove_from_cart").GetInt32());
        Assert.Contains("warning: not in the catalog, ignored: column: category_id", run.Error, StringComparison.Ordinal);

        // Only the cart reminder listens to these events, and it sends at most one reminder per visit (the cart).
        var cart = json.RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "cart-reminder");
        var sends = cart.GetProperty("sends").GetInt32();
        Assert.InRange(sends, 1, cartedVisits);
        Assert.Equal(sends, json.RootElement.GetProperty("totals").GetProperty("sends").GetInt32());
    }

    [Theory]
    [InlineData("2019/10/01 00:40:00")]
    [InlineData("2019-10-01 00:40:00 UTC UTC")]
    [InlineData("Tue Oct 01 2019 00:40:00")]
    public void A_timestamp_in_no_accepted_shape_stops_the_run_naming_file_line_column_and_shapes(string cell)
    {
        var file = WriteSample("bad.csv", 2, $"{cell},view,1000004,2053013552229107612,computers.notebook,lg,262.40,512000003,099950d8-36f6-45cc-81e7-4ef5e8e25d94");

        var stopped = Run(["backtest", "rules", "--events", file, .. MapOptions()]);
        var skipped = Run(["backtest", "rules", "--events", file, "--skip-bad", .. MapOptions()]);

        Assert.Equal(1, stopped.ExitCode);
        Assert.StartsWith($"error: {file}:4: event_time: `{cell}` is not a timestamp: ISO 8601 with `T` or a space", stopped.Error, StringComparison.Ordinal);
        Assert.Contains("or epoch seconds or milliseconds", stopped.Error, StringComparison.Ordinal);
        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains($"skipped {file}:4: event_time: `{cell}`", skipped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_named_csv_in_any_case_needs_no_csv_option_and_other_names_still_ask_for_it()
    {
        var upper = WriteSample("EVENTS.CSV", 20, null);
        var jsonl = WriteSample("events.jsonl", 20, null);

        var read = Run(["backtest", "rules", "--events", upper, "--format", "json", .. MapOptions()]);
        var refused = Run(["backtest", "rules", "--events", jsonl, .. MapOptions()]);
        var forced = Run(["backtest", "rules", "--events", jsonl, "--csv", "--format", "json", .. MapOptions()]);

        Assert.Equal(0, read.ExitCode);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--map applies to CSV files: add --csv (a file named *.csv is read as CSV without it)", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(Events(read.Out), Events(forced.Out));
        Assert.True(Events(read.Out) > 0);

        static int Events(string report)
        {
            using var json = JsonDocument.Parse(report);
            return json.RootElement.GetProperty("input").GetProperty("events").GetInt32();
        }
    }

    [Fact]
    public void Hostile_timestamp_cells_are_bad_lines_not_crashes()
    {
        var hostile = new[] { new string('9', 100_000), "\"2019-10-01 00:00:00\u0000 UTC\"", "\"2019-10-01\n00:00:00 UTC\"", "-", "\"\"", "\u0661\u0665\u0666\u0669\u0668\u0668\u0668\u0660\u0660\u0660" };
        var rows = hostile.Select(cell => $"{cell},view,1000004,2053013552229107612,,lg,262.40,512000003,s1");
        var file = WriteSample("hostile.csv", 0, string.Join('\n', rows));

        var run = Run(["backtest", "rules", "--events", file, "--skip-bad", "--format", "json", .. MapOptions()]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(hostile.Length, json.RootElement.GetProperty("input").GetProperty("badLines").GetInt32());
        Assert.True(run.Error.Length < 10_000, "the 100,000-digit cell is echoed shortened");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The REES46 command of docs/backtest.md as arguments, and the report's first line the page shows under it.</summary>
    private static (string[] Command, string Headline) DocumentedExample()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "backtest.md"));
        var match = DocumentedRun().Match(page);
        Assert.True(match.Success, "docs/backtest.md has no REES46 example followed by its report's first line");
        return (ShellWords(match.Groups["command"].Value.Replace("\\\n", " ", StringComparison.Ordinal)), match.Groups["headline"].Value.Trim());
    }

    /// <summary>Splits as a POSIX shell would a line of plain words and double-quoted ones (all the page uses).</summary>
    private static string[] ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in line.Trim())
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                Flush();
            }
            else
            {
                word.Append(c);
            }
        }

        Assert.False(quoted, "an unclosed quote in the documented command");
        Flush();
        return [.. words];

        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
    }

    private static string[] MapOptions() => DocumentedExample().Command[5..];

    /// <summary>The sample's header and first <paramref name="take"/> lines, then <paramref name="extra"/> lines, in a file of its own.</summary>
    private string WriteSample(string name, int take, string? extra)
    {
        var sample = File.ReadLines(Path.Combine(RepositoryRoot, Sample)).Take(take + 1);
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join('\n', extra is null ? sample : sample.Append(extra)) + "\n");
        return path;
    }

    private static (int ExitCode, string Out, string Error) Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApp.Run(args, new CliContext(output, error, RepositoryRoot, UseColour: false));
        return (exitCode, output.ToString(), error.ToString());
    }

    [GeneratedRegex("```sh\\n(?<command>\\./triggerflow backtest [^`]*rees46\\.csv[^`]*?)\\n```\\s*```text\\n(?<headline>[^\\n]+)\\n```")]
    private static partial Regex DocumentedRun();
}
