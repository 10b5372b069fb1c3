using System.Text.Json;
using TriggerFlow.Testing;

namespace TriggerFlow.Cli.Tests.Commands;

/// <summary>The backtest and explain commands through the CLI's in-process entry point, from the repository root.</summary>
public sealed class BacktestCommandTests : IDisposable
{
    private const string ClickstreamArguments = "--csv --map timestamp=timestamp,customer=visitorid,event=event,product=itemid,order=transactionid --event-map view=viewed product,addtocart=added to cart,transaction=purchase";

    private readonly EventFiles _files = new();

    [Fact]
    public void The_segment_sample_produces_sends_from_every_kind_of_rule()
    {
        var run = Run("backtest", "rules", "--events", "rules/samples/events.jsonl", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.True(json.RootElement.GetProperty("totals").GetProperty("sends").GetInt64() > 20);
        var silent = json.RootElement.GetProperty("rules").EnumerateArray()
            .Where(r => r.GetProperty("status").GetString() != "paused" && r.GetProperty("windows").GetProperty("opened").GetInt64() == 0)
            .Select(r => r.GetProperty("rule").GetString())
            .ToList();
        Assert.Empty(silent);
    }

    [Fact]
    public void The_clickstream_sample_produces_cart_reminders()
    {
        var run = Run(["backtest", "--events", "rules/samples/clickstream.csv", "--format", "json", .. Split(ClickstreamArguments)]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var cart = json.RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "cart-reminder");
        Assert.True(cart.GetProperty("sends").GetInt64() > 0);
        Assert.Equal(0, json.RootElement.GetProperty("input").GetProperty("badLines").GetInt64());
    }

    [Fact]
    public void Text_and_markdown_reports_have_their_tables()
    {
        var text = Run("backtest", "--events", "rules/samples/events.jsonl");
        var markdown = Run("backtest", "--events", "rules/samples/events.jsonl", "--format", "markdown");

        Assert.Equal((0, 0), (text.ExitCode, markdown.ExitCode));
        Assert.Contains("Sends per day", text.Out, StringComparison.Ordinal);
        Assert.Contains("cart-reminder", text.Out, StringComparison.Ordinal);
        Assert.StartsWith("### Backtest:", markdown.Out, StringComparison.Ordinal);
        Assert.Contains("warning: event `Song Played` is not in the catalog: 1 ignored", text.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_line_exits_1_with_the_line_unless_skipped()
    {
        var path = _files.Write("bad.jsonl", EventFiles.Compact("http_01_Identify.json"), EventFiles.Compact("http_07_Batch.json"));

        var stopped = Run("backtest", "--events", path);
        var skipped = Run("backtest", "--events", path, "--skip-bad");

        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("bad.jsonl:2: batch[2].timestamp: `2015-2-02T00:30:08.276Z` is not a timestamp", stopped.Error, StringComparison.Ordinal);
        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains("skipped", skipped.Error, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:2: batch[3].timestamp", skipped.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backtest --events no-such-file.jsonl", "the events file `no-such-file.jsonl` does not exist")]
    [InlineData("backtest --events rules/samples/clickstream.csv --csv --map customer=visitor", "--map customer=visitor: the CSV header has no column `visitor`")]
    [InlineData("backtest --events rules/samples/events.jsonl --map customer=visitorid", "--map applies to CSV files")]
    [InlineData("backtest --events rules/samples/events.jsonl --from yesterday", "--from `yesterday` is not a date")]
    [InlineData("backtest --events rules/samples/events.jsonl --format pdf", "pdf")]
    [InlineData("backtest", "--events")]
    [InlineData("explain --events rules/samples/events.jsonl", "--customer")]
    [InlineData("explain --events rules/samples/events.jsonl --customer mary --rule no-such-rule", "--rule `no-such-rule` is not a rule")]
    public void Usage_and_file_problems_exit_2(string arguments, string expected)
    {
        var run = Run(Split(arguments));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_errors_exit_1()
    {
        File.WriteAllText(Path.Combine(_files.Folder, "catalog.yaml"), File.ReadAllText(Path.Combine(EventFiles.RepositoryRoot, "rules", "catalog.yaml")));
        File.WriteAllText(Path.Combine(_files.Folder, "broken.trigger"), "rule \"broken\"\n  when viewed produkt\n  send email template \"cart-reminder\"\n");
        var events = _files.Write("events.jsonl", EventFiles.Compact("http_01_Identify.json"));

        var run = Run("backtest", _files.Folder, "--events", events);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the rules have errors", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_prints_marys_timeline_and_exits_1_for_an_unknown_customer()
    {
        var mary = Run("explain", "--events", "rules/samples/events.jsonl", "--customer", "mary");
        var nobody = Run("explain", "--events", "rules/samples/events.jsonl", "--customer", "nobody");

        Assert.Equal(0, mary.ExitCode);
        Assert.StartsWith("Customer mary (linked ids: anon-7f3a)", mary.Out, StringComparison.Ordinal);
        Assert.Contains("bts-browse: window opened", mary.Out, StringComparison.Ordinal);
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("customer `nobody` does not appear in rules/samples/events.jsonl", nobody.Error, StringComparison.Ordinal);
    }

    private static string[] Split(string arguments) =>
        // Names in the maps hold spaces: split on the option boundaries only.
        arguments.Split(' ').Aggregate(new List<string>(), (parts, word) =>
        {
            if (parts.Count > 0 && !word.StartsWith("--", StringComparison.Ordinal) && parts[^1].Contains('='))
            {
                parts[^1] += " " + word;
            }
            else
            {
                parts.Add(word);
            }

            return parts;
        }).ToArray();

    private static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApp.Run(args, new CliContext(output, error, EventFiles.RepositoryRoot, UseColour: false));
        return (exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => _files.Dispose();
}
