using System.Runtime.ExceptionServices;
using NodaTime;
using TriggerFlow.Engine;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Simulation.Backtest.Partitioning;
using TriggerFlow.Simulation.Input;

namespace TriggerFlow.Simulation.Backtest;

/// <summary>How to run a backtest.</summary>
public sealed class BacktestSettings
{
    public ReplayPeriod Period { get; init; } = ReplayPeriod.All;

    /// <summary>Report malformed lines and go on (<c>--skip-bad</c>); otherwise the first one stops the run. Default false.</summary>
    public bool SkipBad { get; init; }

    /// <summary>The engine's options; drafts run, since a backtest is how a draft is judged.</summary>
    public EngineOptions Engine { get; init; } = new() { IncludeDraftRules = true };

    /// <summary>Called with each malformed line (when skipping them), for the host to report.</summary>
    public Action<BadLine>? OnBadLine { get; init; }

    /// <summary>Called every <see cref="Backtester.ProgressEvery"/> records read, for a progress bar.</summary>
    public Action? OnProgress { get; init; }

    /// <summary>Called, from any thread, each time a bucket of customers has been decided: (buckets done, buckets in all).</summary>
    public Action<int, int>? OnDecided { get; init; }

    /// <summary>Where records set aside by bucket spill to; the system's temporary folder (TMPDIR) by default.</summary>
    public string? TemporaryFolder { get; init; }

    /// <summary>How many buckets to split customers into; by default one per 8 MB of events file.</summary>
    internal int? Buckets { get; init; }

    /// <summary>How many threads decide buckets; by default one per core.</summary>
    internal int? Workers { get; init; }
}

/// <summary>A finished backtest: the report, or the malformed line that stopped it.</summary>
public sealed record BacktestOutcome(BacktestReport? Report, BadLine? StoppedAt);

/// <summary>What a bucketed replay counted, the moment its clock was run to, and the inputs it left out; or the line that stopped it.</summary>
internal sealed record BucketedRun(BacktestTally Tally, Instant End, long OutOfPeriod, BadLine? StoppedAt);

/// <summary>
/// Replays an events file through the engine and counts what every rule would have done.
/// Customers are independent of one another except through identity merges, so the replay is
/// done bucket by bucket: the records are read once, in arrival order, and set aside by customer
/// bucket (a merge's ids share one); then each bucket is replayed on its own virtual clock, on as
/// many threads as there are cores. Only one bucket's customers per thread are held at a time,
/// and every customer sees exactly the inputs and wake-ups, in the same order, that one replay of
/// the whole file would give it (see <see cref="ArrivalHorizon"/> for inputs out of order).
/// </summary>
public static class Backtester
{
    public const int ProgressEvery = 4096;

    /// <summary>Events-file bytes per bucket: about 40,000 events, a few thousand customers.</summary>
    internal const long FileBytesPerBucket = 8L << 20;

    internal const int MaxBuckets = 512;

    public static BacktestOutcome Run(EventFile file, PlanSet plans, BacktestSettings settings)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(settings);
        var engine = new DecisionEngine(new RuleBook(plans), settings.Engine);
        var buckets = settings.Buckets ?? (int)Math.Clamp((file.Length / FileBytesPerBucket) + 1, 1, MaxBuckets);
        var run = ReplayByBucket(file.Records(), file.ScanIdentities(), engine, settings, buckets);
        return run.StoppedAt is { } stopped
            ? new BacktestOutcome(null, stopped)
            : new BacktestOutcome(run.Tally.Report(plans, Summary(file, run.OutOfPeriod), settings.Period, run.End), null);
    }

    /// <summary>
    /// Replays <paramref name="records"/> (in arrival order, as read) bucket by bucket, given every
    /// identity merge among them up front (<paramref name="identities"/>, to keep linked ids together).
    /// </summary>
    internal static BucketedRun ReplayByBucket(IEnumerable<SourceRecord> records, IEnumerable<IdentityRecord> identities, DecisionEngine engine, BacktestSettings settings, int buckets)
    {
        var components = new IdentityComponents();
        foreach (var identity in identities)
        {
            components.Link(identity.AnonymousId, identity.CustomerId);
        }

        using var store = new CustomerBuckets(buckets, settings.TemporaryFolder);
        var words = new Vocabulary();
        var set = SetAside(records, settings, components, store, words);
        if (set.StoppedAt is { } stopped)
        {
            return new BucketedRun(new BacktestTally(), default, 0, stopped);
        }

        var end = Replay.EndOf(settings.Period, set.LastArrival, engine);
        return new BucketedRun(Decide(store, words, engine, settings, end), end, set.OutOfPeriod, null);
    }

    /// <summary>The first pass: every record read in arrival order and set aside in its customer's bucket.</summary>
    private static (BadLine? StoppedAt, Instant? LastArrival, long OutOfPeriod) SetAside(
        IEnumerable<SourceRecord> records, BacktestSettings settings, IdentityComponents components, CustomerBuckets buckets, Vocabulary words)
    {
        var horizon = new ArrivalHorizon(buckets.Count);
        Instant? last = null;
        var outOfPeriod = 0L;
        var count = 0L;
        foreach (var record in records)
        {
            if (record is BadLine bad)
            {
                if (!settings.SkipBad)
                {
                    return (bad, null, 0);
                }

                settings.OnBadLine?.Invoke(bad);
                continue;
            }

            if (++count % ProgressEvery == 0)
            {
                settings.OnProgress?.Invoke();
            }

            if (!Replay.Admits(record, settings.Period))
            {
                outOfPeriod++;
                continue;
            }

            var arrival = ArrivalOrder.ArrivalOf(record);
            last = last is { } l && l > arrival ? l : arrival;
            switch (record)
            {
                case IdentityRecord identity:
                    {
                        var bucket = components.BucketOf(identity.AnonymousId, buckets.Count);
                        RecordCodec.WriteMerge(buckets.Sink(bucket), identity.AnonymousId, identity.CustomerId, identity.At, horizon.Next(bucket, arrival));
                        buckets.EndRecord(bucket);
                        break;
                    }

                case CustomerRecord customer:
                    {
                        var bucket = components.BucketOf(customer.CustomerId, buckets.Count);
                        RecordCodec.WriteInput(buckets.Sink(bucket), words, customer.CustomerId, customer.Input, horizon.Next(bucket, arrival));
                        buckets.EndRecord(bucket);
                        break;
                    }
            }
        }

        return (null, last, outOfPeriod);
    }

    /// <summary>The second pass: each bucket replayed on its own virtual clock, buckets shared out among threads.</summary>
    private static BacktestTally Decide(CustomerBuckets buckets, Vocabulary words, DecisionEngine engine, BacktestSettings settings, Instant end)
    {
        var workers = Math.Clamp(settings.Workers ?? Environment.ProcessorCount, 1, buckets.Count);
        var tallies = new BacktestTally[workers];
        var next = -1;
        var done = 0;
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
            {
                // One simulator per thread, cleared between buckets: its tables keep the size they grew to.
                var tally = new BacktestTally();
                var scratch = new byte[CustomerBuckets.ChunkBytes * 2];
                var simulator = new Simulator(engine, tally.Record);
                var target = new BucketReplay(simulator);
                for (var bucket = Interlocked.Increment(ref next); bucket < buckets.Count; bucket = Interlocked.Increment(ref next))
                {
                    buckets.ReadBack(bucket, ref scratch, chunk => RecordCodec.ReadAll(chunk, words, target));
                    simulator.AdvanceTo(end);
                    tally.EndGroup(simulator.Customers.Values);
                    simulator.Clear();
                    target.Clear();
                    settings.OnDecided?.Invoke(Interlocked.Increment(ref done), buckets.Count);
                }

                tallies[worker] = tally;
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        var total = new BacktestTally();
        foreach (var tally in tallies)
        {
            total.Add(tally);
        }

        return total;
    }

    private static InputSummary Summary(EventFile file, long outOfPeriod)
    {
        var s = file.Statistics;
        return new InputSummary(file.Name, file.Format == EventFileFormat.Csv ? "csv" : "segment", s.Lines, s.Events, s.Profiles, s.Merges, s.BadLines, outOfPeriod, s.OutOfOrder, s.UnknownEvents);
    }

    /// <summary>One bucket's records, replayed: the merges among its ids, and the clock moved as other buckets' inputs moved it.</summary>
    private sealed class BucketReplay(Simulator simulator) : IRecordTarget
    {
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
        private readonly List<string> _ids = [];
        private readonly List<Simulator.Customer?> _slots = [];
        private Replay _replay = new(simulator, ReplayPeriod.All);
        private bool _merged;

        /// <summary>Forgets the bucket's customers and merges, for the next bucket.</summary>
        public void Clear()
        {
            _numbers.Clear();
            _ids.Clear();
            _slots.Clear();
            _replay = new Replay(simulator, ReplayPeriod.All);
            _merged = false;
        }

        /// <summary>Customers are numbered as the bucket first names them; an id is made a string once per bucket.</summary>
        public int Customer(ReadOnlySpan<byte> utf8)
        {
            Span<char> chars = stackalloc char[128];
            var id = utf8.Length <= chars.Length && System.Text.Encoding.UTF8.TryGetChars(utf8, chars, out var length)
                ? chars[..length]
                : System.Text.Encoding.UTF8.GetString(utf8).AsSpan();
            var lookup = _numbers.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(id, out var number))
            {
                return number;
            }

            var text = id.ToString();
            number = _ids.Count;
            _numbers[text] = number;
            _ids.Add(text);
            _slots.Add(null);
            return number;
        }

        public void Input(int customer, EngineInput input, Instant? horizon)
        {
            if (horizon is { } at)
            {
                simulator.AdvanceTo(at);
            }

            if (_merged)
            {
                // Once ids are merged, an id may stand for another customer: the replay maps it.
                _replay.Input(Id(customer), input);
                return;
            }

            simulator.Apply(_slots[customer] ??= simulator.Slot(Id(customer)), input);
        }

        public void Merge(int anonymous, int customer, Instant at, Instant? horizon)
        {
            if (horizon is { } h)
            {
                simulator.AdvanceTo(h);
            }

            _merged = true;
            _replay.Merge(Id(anonymous), Id(customer), at);
        }

        private string Id(int number) => _ids[number];
    }
}
