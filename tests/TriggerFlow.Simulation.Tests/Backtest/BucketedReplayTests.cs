using NodaTime;
using TriggerFlow.Engine;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Simulation.Backtest;
using TriggerFlow.Simulation.Input;
using TriggerFlow.Simulation.Tests.Scenarios;

namespace TriggerFlow.Simulation.Tests.Backtest;

/// <summary>
/// The backtest replays customers bucket by bucket, on several threads. These tests hold it to the
/// plain replay it replaced — one simulator, every record in order — on random timelines over the
/// repository's rules, with identity merges, late events, profiles and inputs out of arrival order:
/// every count of the report must be the same, whatever the number of buckets and threads.
/// </summary>
public sealed class BucketedReplayTests : IDisposable
{
    private static readonly Instant Start = Instant.FromUtc(2026, 7, 1, 0, 0);
    private static readonly string[] Categories = ["kids-clothing", "school-supplies", "coffee", "toys"];
    private readonly string _temporary = Directory.CreateTempSubdirectory("triggerflow-buckets-").FullName;

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Buckets_and_threads_change_nothing_in_the_report(int seed)
    {
        var records = RandomTimeline(seed, customers: 12, count: 400);
        var expected = Sequential(records, ReplayPeriod.All);

        foreach (var (buckets, workers) in new[] { (1, 1), (3, 1), (5, 2), (16, 2) })
        {
            Assert.Equal(expected, Bucketed(records, ReplayPeriod.All, buckets, workers));
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void A_period_is_cut_the_same_way(int seed)
    {
        var records = RandomTimeline(seed, customers: 10, count: 300);
        var period = new ReplayPeriod(Start + Duration.FromDays(1), Start + Duration.FromDays(4));

        Assert.Equal(Sequential(records, period), Bucketed(records, period, buckets: 4, workers: 2));
    }

    [Fact]
    public void Records_spill_to_the_temporary_file_and_read_back_the_same()
    {
        // Enough records that buckets outgrow their buffers and are written out.
        var records = RandomTimeline(seed: 99, customers: 300, count: 12_000);

        Assert.Equal(Sequential(records, ReplayPeriod.All), Bucketed(records, ReplayPeriod.All, buckets: 3, workers: 2));
        Assert.Empty(Directory.EnumerateFiles(_temporary));
    }

    [Fact]
    public void A_merge_joins_ids_that_hash_to_different_buckets()
    {
        // The anonymous visitor browses, then identifies; the window opened anonymously fires for the known customer.
        var at = Start + Duration.FromHours(9);
        SourceRecord[] records =
        [
            Event("anon-1", "browsed category", at, ("category", "kids-clothing")),
            new IdentityRecord(2, "anon-1", "known-1", at + Duration.FromMinutes(5)),
            Event("known-1", "viewed product", at + Duration.FromMinutes(10), ("category", "toys")),
        ];
        var expected = Sequential(records, ReplayPeriod.All);

        for (var buckets = 1; buckets <= 8; buckets++)
        {
            Assert.Equal(expected, Bucketed(records, ReplayPeriod.All, buckets, workers: 2));
        }
    }

    [Fact]
    public void A_bad_line_stops_the_replay_unless_skipped()
    {
        SourceRecord[] records =
        [
            Event("c1", "added to cart", Start, ("cart", "k1")),
            new BadLine(2, "timestamp", "not a time"),
            Event("c1", "checkout", Start + Duration.FromMinutes(5)),
        ];
        var engine = new DecisionEngine(new RuleBook(RealRules.Plans), new EngineOptions { IncludeDraftRules = true });
        var skipped = new List<BadLine>();

        var stopped = Backtester.ReplayByBucket(records, [], engine, new BacktestSettings { TemporaryFolder = _temporary }, 2);
        var skipping = Backtester.ReplayByBucket(records, [], engine, new BacktestSettings { TemporaryFolder = _temporary, SkipBad = true, OnBadLine = skipped.Add }, 2);

        Assert.Equal(2, stopped.StoppedAt?.Line);
        Assert.Null(skipping.StoppedAt);
        Assert.Equal(2, Assert.Single(skipped).Line);
    }

    public void Dispose() => Directory.Delete(_temporary, recursive: true);

    /// <summary>The replay the bucketed one replaced: one simulator, every record in order, one tally.</summary>
    private static string Sequential(IReadOnlyList<SourceRecord> records, ReplayPeriod period)
    {
        var plans = RealRules.Plans;
        var engine = new DecisionEngine(new RuleBook(plans), new EngineOptions { IncludeDraftRules = true });
        var tally = new BacktestTally();
        var simulator = new Simulator(engine, tally.Record);
        var replay = new Replay(simulator, period);
        foreach (var record in records)
        {
            replay.Apply(record);
        }

        var end = replay.Finish(engine);
        tally.EndGroup(simulator.Customers.Values);
        return Render(tally, plans, period, end, replay.OutOfPeriod);
    }

    private string Bucketed(IReadOnlyList<SourceRecord> records, ReplayPeriod period, int buckets, int workers)
    {
        var plans = RealRules.Plans;
        var engine = new DecisionEngine(new RuleBook(plans), new EngineOptions { IncludeDraftRules = true });
        var settings = new BacktestSettings { Period = period, TemporaryFolder = _temporary, Workers = workers };
        var run = Backtester.ReplayByBucket(records, records.OfType<IdentityRecord>(), engine, settings, buckets);
        Assert.Null(run.StoppedAt);
        return Render(run.Tally, plans, period, run.End, run.OutOfPeriod);
    }

    private static string Render(BacktestTally tally, PlanSet plans, ReplayPeriod period, Instant end, long outOfPeriod) =>
        BacktestJson.Write(tally.Report(plans, new InputSummary("test", "segment", 0, 0, 0, 0, 0, outOfPeriod, 0, new Dictionary<string, long>()), period, end));

    /// <summary>
    /// Events, profiles and merges for a few customers over a week: mostly in arrival order, with
    /// some inputs arriving hours behind others (released where they stand, as a too-small sort
    /// buffer would), some events arriving after the allowed lateness, and retries of message ids.
    /// </summary>
    private static List<SourceRecord> RandomTimeline(int seed, int customers, int count)
    {
        var random = new Random(seed);
        var records = new List<SourceRecord>(count);
        var clock = Start;
        for (var line = 1; line <= count; line++)
        {
            clock += Duration.FromMinutes(random.Next(0, 40));
            var arrival = random.Next(20) == 0 ? clock - Duration.FromMinutes(random.Next(1, 600)) : clock;
            var eventTime = random.Next(15) == 0 ? arrival - Duration.FromMinutes(random.Next(1, 30)) : arrival;
            var customer = random.Next(4) == 0 ? $"anon-{random.Next(customers)}" : $"c{random.Next(customers)}";
            switch (random.Next(30))
            {
                case 0:
                    records.Add(new IdentityRecord(line, $"anon-{random.Next(customers)}", $"c{random.Next(customers)}", arrival));
                    break;
                case 1 or 2:
                    records.Add(new CustomerRecord(line, customer, Profile(random, line, arrival)));
                    break;
                default:
                    var id = random.Next(25) == 0 ? $"m{random.Next(Math.Max(1, line))}" : $"m{line}";
                    records.Add(new CustomerRecord(line, customer, RandomEvent(random, id, eventTime, arrival)));
                    break;
            }
        }

        return records;
    }

    private static ProfileInput Profile(Random random, int line, Instant arrival)
    {
        var traits = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["time_zone"] = random.Next(2) == 0 ? "Europe/London" : "America/New_York",
            ["has_children"] = random.Next(2) == 0,
            ["lifetime_value"] = (decimal)random.Next(0, 500),
        };
        var consent = new Dictionary<string, bool>(StringComparer.Ordinal) { ["email"] = random.Next(5) != 0, ["sms"] = random.Next(2) == 0 };
        return new ProfileInput(random.Next(3) == 0 ? null : $"p{line}", traits, consent, arrival);
    }

    private static EventInput RandomEvent(Random random, string messageId, Instant eventTime, Instant arrival)
    {
        var category = Categories[random.Next(Categories.Length)];
        (string Name, (string, object?)[] Properties) pick = random.Next(9) switch
        {
            0 => ("browsed category", [("category", category)]),
            1 => ("viewed product", [("category", category)]),
            2 => ("added to cart", [("cart", $"k{random.Next(3)}"), ("category", category)]),
            3 => ("checkout", []),
            4 => ("purchase", [("location", random.Next(2) == 0 ? "online" : "store"), ("category", category), ("brand", "Brightsmile")]),
            5 => ("store visit", []),
            6 => ("entered store area", [("distance_m", (decimal)random.Next(0, 600))]),
            7 => ("churn signal", [("score", random.Next(0, 10) / 10m), ("reasons", new[] { "price", "service" }[..random.Next(0, 3)])]),
            _ => ("ticket resolved", []),
        };
        return new EventInput(messageId, pick.Name, PropertyMap.From(pick.Properties.Select(p => KeyValuePair.Create(p.Item1, p.Item2))), eventTime, arrival);
    }

    private static CustomerRecord Event(string customer, string name, Instant at, params (string, object?)[] properties) =>
        new(1, customer, new EventInput($"{customer}-{name}-{at}", name, PropertyMap.From(properties.Select(p => KeyValuePair.Create(p.Item1, p.Item2))), at, at));
}
