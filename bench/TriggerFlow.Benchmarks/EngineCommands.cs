using System.Diagnostics;
using System.Globalization;
using TriggerFlow.Engine;
using TriggerFlow.Simulation;

namespace TriggerFlow.Benchmarks;

/// <summary>
/// The engine verbs of the benchmark tool:
/// <c>generate-events --events 10000000 --customers 1000000 --out FILE [--rules-out DIR]</c> writes the
/// workload as Segment JSON lines (and its 100 rules), for <c>triggerflow backtest</c>;
/// <c>engine-loop --events N --customers M</c> runs the same workload through <see cref="Simulator"/>
/// in process, without reading a file: the backtest's loop alone.
/// </summary>
internal static class EngineCommands
{
    public static int Run(string verb, IReadOnlyDictionary<string, string> options)
    {
        if (verb == "read-events")
        {
            return Read(options);
        }

        if (verb == "backtest")
        {
            return Backtest(options);
        }

        var events = long.Parse(options.GetValueOrDefault("--events", "10000000"), CultureInfo.InvariantCulture);
        var customers = int.Parse(options.GetValueOrDefault("--customers", "1000000"), CultureInfo.InvariantCulture);
        if (verb == "generate-events")
        {
            if (!options.TryGetValue("--out", out var output))
            {
                Console.Error.WriteLine("usage: generate-events --events 10000000 --customers 1000000 --out FILE [--rules-out DIR]");
                return 2;
            }

            var clock = Stopwatch.StartNew();
            EngineWorkload.WriteSegmentFile(output, events, customers);
            Console.WriteLine($"wrote {events:N0} calls over {customers:N0} customers to {output} in {clock.Elapsed.TotalSeconds:N1} s");
            if (options.TryGetValue("--rules-out", out var rules))
            {
                EngineWorkload.WriteRulesFolder(RulesFolderLocator.Find(), rules, 100);
                Console.WriteLine($"wrote 100 rules to {rules}");
            }

            return 0;
        }

        return Loop(events, customers);
    }

    /// <summary>
    /// <c>read-events --file FILE --rules DIR</c>: reads an events file as the backtest does (parse and
    /// arrival-order sort) without running the engine, to separate reading from deciding.
    /// </summary>
    private static int Read(IReadOnlyDictionary<string, string> options)
    {
        if (!TryOpen(options, "read-events", out var file, out _))
        {
            return 2;
        }

        using (file)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var records = 0L;
            foreach (var record in file.Records())
            {
                records++;
            }

            var elapsed = clock.Elapsed;
            Console.WriteLine(
                $"{records:N0} records read in {elapsed.TotalSeconds:N1} s ({records / elapsed.TotalSeconds:N0}/s); " +
                $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1 << 20):N0} MiB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB; {GcSummary()}");
        }

        return 0;
    }

    /// <summary>
    /// <c>backtest --file FILE --rules DIR</c>: the backtest as <c>triggerflow backtest</c> runs it, with
    /// the GC's share printed: collections per generation and the time they paused the run.
    /// </summary>
    private static int Backtest(IReadOnlyDictionary<string, string> options)
    {
        if (!TryOpen(options, "backtest", out var file, out var rules))
        {
            return 2;
        }

        using (file)
        {
            var plans = EngineWorkload.Compile(rules);
            var clock = Stopwatch.StartNew();
            var firstBucket = TimeSpan.Zero;
            var gcAtFirstBucket = TimeSpan.Zero;
            var settings = new TriggerFlow.Simulation.Backtest.BacktestSettings
            {
                OnDecided = (done, _) =>
                {
                    if (done == 1)
                    {
                        firstBucket = clock.Elapsed;
                        gcAtFirstBucket = GC.GetTotalPauseDuration();
                    }
                },
            };
            var outcome = TriggerFlow.Simulation.Backtest.Backtester.Run(file, plans, settings);
            var elapsed = clock.Elapsed;
            Console.WriteLine($"first bucket decided after {firstBucket.TotalSeconds:N1} s (GC paused {gcAtFirstBucket.TotalSeconds:N1} s by then)");
            var sends = outcome.Report?.Sends ?? 0;
            Console.WriteLine(
                $"{file.Statistics.Lines:N0} lines in {elapsed.TotalSeconds:N1} s ({file.Statistics.Lines / elapsed.TotalSeconds:N0}/s), {sends:N0} sends; " +
                $"CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:N1} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB; {GcSummary()}");
        }

        return 0;
    }

    /// <summary>Opens <c>--file</c> with the catalog of the rules folder <c>--rules</c>; false (and a message on stderr) when either fails.</summary>
    private static bool TryOpen(IReadOnlyDictionary<string, string> options, string verb, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TriggerFlow.Simulation.Input.EventFile? file, out string rules)
    {
        file = null;
        if (!options.TryGetValue("--file", out var path) || !options.TryGetValue("--rules", out rules!))
        {
            Console.Error.WriteLine($"usage: {verb} --file FILE --rules DIR");
            rules = "";
            return false;
        }

        if (!TriggerFlow.Language.Workspace.RuleWorkspace.TryLoad([rules], out var load, out var loadError))
        {
            Console.Error.WriteLine(loadError);
            return false;
        }

        try
        {
            if (TriggerFlow.Simulation.Input.EventFile.TryOpen(path, load!.Set.Catalog, new TriggerFlow.Simulation.Input.EventFileOptions(), out file, out var error))
            {
                return true;
            }

            Console.Error.WriteLine(error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{verb}: cannot read {path}: {e.Message}");
        }

        return false;
    }

    private static int Loop(long events, int customers)
    {
        var folder = Path.Combine(Path.GetTempPath(), "triggerflow-bench-engine-rules");
        EngineWorkload.WriteRulesFolder(RulesFolderLocator.Find(), folder, 100);
        var engine = new DecisionEngine(new RuleBook(EngineWorkload.Compile(folder)), new EngineOptions { IncludeDraftRules = true });
        var ids = Enumerable.Range(0, customers).Select(EngineWorkload.CustomerId).ToArray();
        var decisions = 0L;
        var simulator = new Simulator(engine, (_, _) => decisions++);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        foreach (var (customer, input) in EngineWorkload.Inputs(events, customers))
        {
            simulator.Apply(ids[customer], input);
        }

        var looped = clock.Elapsed;
        Console.WriteLine(Census(simulator, customers));
        clock.Restart();
        simulator.AdvanceTo(simulator.Now + NodaTime.Duration.FromDays(60));
        var elapsed = looped + clock.Elapsed;
        Console.WriteLine(
            $"{events:N0} inputs, {customers:N0} customers, {decisions:N0} decisions: {elapsed.TotalSeconds:N1} s " +
            $"({events / elapsed.TotalSeconds:N0} inputs/s, generation included); allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1 << 20):N0} MiB; " +
            $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB; {GcSummary()}");
        return 0;
    }

    /// <summary>What the customers' states hold once every input is in: the heap left after a full collection, and what fills it.</summary>
    private static string Census(Simulator simulator, int customers)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        long windows = 0, signals = 0, seen = 0, sent = 0, ever = 0, perKey = 0, recent = 0, held = 0, profiles = 0;
        foreach (var state in simulator.Customers.Values)
        {
            windows += state.Windows.Count;
            signals += state.Windows.Sum(w => w.Signal.Count);
            seen += state.Seen.Count;
            sent += state.SentView.Count;
            ever += state.SentEverOrNull?.Count ?? 0;
            perKey += state.SentPerKeyOrNull?.Count ?? 0;
            recent += state.RecentView.Count;
            held += state.HeldView.Count;
            profiles += state.ProfileView.Count;
        }

        if (Environment.GetEnvironmentVariable("TRIGGERFLOW_CENSUS_BREAKDOWN") == "1")
        {
            Console.WriteLine(Breakdown(simulator));
        }

        return $"census: heap after a full compacting GC {heap / (1 << 20):N0} MiB ({heap / Math.Max(1, simulator.Customers.Count):N0} B per customer, {simulator.Customers.Count:N0} of {customers:N0} seen); " +
            $"windows {windows:N0} (signal entries {signals:N0}), seen ids {seen:N0}, sent {sent:N0}, sent-ever keys {ever:N0}, per-key {perKey:N0}, recent {recent:N0}, held {held:N0}, traits {profiles:N0}, wake-ups filed {simulator.FiledWakeUps:N0}";
    }

    /// <summary>
    /// What each part of the states costs, measured by dropping the parts one after another and
    /// collecting: destructive, so it runs last (TRIGGERFLOW_CENSUS_BREAKDOWN=1).
    /// </summary>
    private static string Breakdown(Simulator simulator)
    {
        var states = simulator.Customers.Values.ToList();
        var parts = new List<string>();
        var before = Live();
        void Drop(string part, Action<TriggerFlow.Engine.State.CustomerState> drop)
        {
            states.ForEach(drop);
            var after = Live();
            parts.Add($"{part} {(before - after) / Math.Max(1, states.Count):N0} B");
            before = after;
        }

        Drop("signals", s => s.WindowsView.ForEach(w => w.Signal = TriggerFlow.Engine.Inputs.PropertyMap.Empty));
        Drop("windows", s => s.Windows = []);
        Drop("seen", s => s.Seen = new());
        Drop("sent", s => s.Sent = []);
        Drop("sent-ever", s => s.SentEver = new());
        Drop("per-key", s => s.SentPerKey = new());
        Drop("tenure", s => s.TenureStart = []);
        Drop("recent", s => s.Recent = []);
        Drop("held", s => s.Held = []);
        Drop("profile+consent", s => { s.Profile = []; s.Consent = []; });
        return "breakdown per customer: " + string.Join(", ", parts) + $"; left {before / Math.Max(1, states.Count):N0} B";

        static long Live()
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            return GC.GetTotalMemory(forceFullCollection: false);
        }
    }

    /// <summary>Collections per generation and total pause time: how much of a run the GC took.</summary>
    public static string GcSummary() =>
        $"GC gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalSeconds:N1} s";
}
