using System.Text.Json;
using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Tests.Support;
using TriggerFlow.Simulation.Backtest;
using TriggerFlow.Testing;

namespace TriggerFlow.Simulation.Tests.Backtest;

public sealed class BacktestReportTests : IDisposable
{
    /// <summary>A draft, because a backtest is how drafts are judged: it must run them.</summary>
    private const string CartRule = """
        rule "cart"
          status draft
          when added to cart
          without checkout within 1h
          send email template "cart-reminder"
          at most 1 per 1d
        """;

    private readonly EventFiles _files = new();

    /// <summary>
    /// a: two adds, the second restarts the hour, one send. b: checks out in time, cancelled.
    /// c: two windows the same day, the second capped. d: a send the next day. e: a send, then
    /// its checkout arrives hours late and is ignored. Plus one event outside the catalog.
    /// </summary>
    private static readonly string[] Lines =
    [
        Track("a", "added to cart", "2026-07-01T10:00:00Z"),
        Track("a", "added to cart", "2026-07-01T10:30:00Z"),
        Track("b", "added to cart", "2026-07-01T10:00:00Z"),
        Track("b", "checkout", "2026-07-01T10:20:00Z"),
        Track("c", "added to cart", "2026-07-01T10:00:00Z"),
        Track("c", "added to cart", "2026-07-01T12:00:00Z"),
        Track("e", "added to cart", "2026-07-01T10:00:00Z"),
        Track("e", "checkout", "2026-07-01T10:30:00Z", received: "2026-07-01T15:00:00Z"),
        Track("d", "added to cart", "2026-07-02T09:00:00Z"),
        Track("d", "Song Played", "2026-07-02T09:30:00Z"),
    ];

    [Fact]
    public void Counts_are_exactly_what_the_events_imply()
    {
        var report = Run(Lines);

        var cart = Assert.Single(report.Rules);
        Assert.Equal("draft", cart.Status);
        Assert.Equal(new WindowCounts(Opened: 6, Restarted: 1, Cancelled: 1, Expired: 0, Paused: 0, Fired: 5, Pending: 0), cart.Windows);
        Assert.Equal(4, cart.Sends);
        Assert.Equal(4, cart.CustomersReached);
        Assert.Equal(1, cart.RuleCapped);
        Assert.Equal(0, cart.ChannelCapped);
        Assert.Equal(1, report.LateEvents);
        Assert.Equal(1, report.Input.UnknownEvents["Song Played"]);
        Assert.Equal([(new LocalDate(2026, 7, 1), 3L), (new LocalDate(2026, 7, 2), 1L)], report.Days.Select(d => (d.Date, d.Total)));
    }

    [Fact]
    public void To_stops_the_clock_and_leaves_later_windows_pending()
    {
        var to = Instant.FromUtc(2026, 7, 2, 0, 0);

        var report = Run(Lines, new ReplayPeriod(null, to));

        var cart = Assert.Single(report.Rules);
        Assert.Equal(3, cart.Sends);
        Assert.Equal(0, cart.Windows.Pending);
        Assert.Equal(1, report.Input.OutOfPeriod);
        Assert.Equal(to - Duration.Epsilon, report.End);
    }

    [Fact]
    public void From_leaves_earlier_events_out()
    {
        var report = Run(Lines, new ReplayPeriod(Instant.FromUtc(2026, 7, 2, 0, 0), null));

        Assert.Equal(1, Assert.Single(report.Rules).Sends);
        Assert.Equal(8, report.Input.OutOfPeriod);
    }

    [Fact]
    public void Json_has_the_stable_schema()
    {
        using var json = JsonDocument.Parse(BacktestJson.Write(Run(Lines)));
        var root = json.RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(4, root.GetProperty("totals").GetProperty("sends").GetInt64());
        var rule = root.GetProperty("rules")[0];
        Assert.Equal(6, rule.GetProperty("windows").GetProperty("opened").GetInt64());
        var row = rule.GetProperty("rows")[0];
        Assert.Equal(JsonValueKind.Null, row.GetProperty("variant").ValueKind);
        Assert.Equal(Enum.GetValues<SuppressionReason>().Length, row.GetProperty("suppressions").EnumerateObject().Count());
        Assert.Equal(1, row.GetProperty("suppressions").GetProperty("frequencyCap").GetInt64());
        Assert.Equal(3, root.GetProperty("sendsPerDay")[0].GetProperty("email").GetInt64());
    }

    [Fact]
    public void Markdown_is_a_set_of_tables()
    {
        var markdown = BacktestMarkdown.Write(Run(Lines));

        Assert.StartsWith("### Backtest: 4 sends to 4 customers from 9 events", markdown, StringComparison.Ordinal);
        Assert.Contains("| cart | draft | 6 | 1 | 1 | 0 | 5 | 0 | 4 | 4 | 1 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 2026-07-01 | 3 | 3 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_line_stops_the_run_unless_skipped()
    {
        string[] lines = [.. Lines, "{oops"];
        var plans = Rules.Compile(CartRule);
        var skipped = new List<Simulation.Input.BadLine>();
        var path = _files.Write("bad.jsonl", lines);

        using (var file = _files.Open(path))
        {
            var stopped = Backtester.Run(file, plans, new BacktestSettings());
            Assert.Null(stopped.Report);
            Assert.Equal(11, stopped.StoppedAt!.Line);
        }

        using (var file = _files.Open(path))
        {
            var skipping = Backtester.Run(file, plans, new BacktestSettings { SkipBad = true, OnBadLine = skipped.Add });
            Assert.Equal(4, skipping.Report!.Sends);
            Assert.Equal(1, skipping.Report.Input.BadLines);
            Assert.Equal(11, Assert.Single(skipped).Line);
        }
    }

    private BacktestReport Run(string[] lines, ReplayPeriod? period = null)
    {
        using var file = _files.Open(_files.Write("events.jsonl", lines));
        return Backtester.Run(file, Rules.Compile(CartRule), new BacktestSettings { Period = period ?? ReplayPeriod.All }).Report!;
    }

    private static string Track(string user, string name, string time, string? received = null) =>
        $$"""{"type":"track","userId":"{{user}}","event":"{{name}}","properties":{"cart":"{{user}}-cart"},"timestamp":"{{time}}","receivedAt":"{{received ?? time}}"}""";

    public void Dispose() => _files.Dispose();
}
