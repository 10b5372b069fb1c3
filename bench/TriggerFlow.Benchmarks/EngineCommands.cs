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

        simulator.AdvanceTo(simulator.Now + NodaTime.Duration.FromDays(60));
        var elapsed = clock.Elapsed;
        Console.WriteLine(
            $"{events:N0} inputs, {customers:N0} customers, {decisions:N0} decisions: {elapsed.TotalSeconds:N1} s " +
            $"({events / elapsed.TotalSeconds:N0} inputs/s, generation included); allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1 << 20):N0} MiB; " +
            $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
        return 0;
    }
}
