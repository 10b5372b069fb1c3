using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using TriggerFlow.Benchmarks;
using TriggerFlow.Language.Checking;
using TriggerFlow.Language.Workspace;

// Verbs: `generate --rules 1000 --out DIR [--seed N] [--from rules]` writes a corpus;
// `time --dir DIR` loads and checks a folder once, as the CLI does, and prints the time it took;
// anything else goes to BenchmarkDotNet.
var options = args.Skip(1).Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
switch (args.FirstOrDefault())
{
    case "generate" when options.TryGetValue("--out", out var output):
        var count = int.Parse(options.GetValueOrDefault("--rules", "1000"), CultureInfo.InvariantCulture);
        var seed = int.Parse(options.GetValueOrDefault("--seed", "20260701"), CultureInfo.InvariantCulture);
        CorpusGenerator.WriteFolder(options.GetValueOrDefault("--from") ?? RulesFolderLocator.Find(), output, count, seed);
        Console.WriteLine($"wrote {count} rules to {output}");
        return 0;
    case "time" when options.TryGetValue("--dir", out var folder):
        return TimeLoadAndCheck(folder);
    case "generate-events" or "engine-loop" or "read-events" or "backtest":
        return EngineCommands.Run(args[0], options);
    case "waiting-scale":
        return await WaitingScale.RunAsync(options);
    case "generate" or "time":
        Console.Error.WriteLine("usage: generate --rules 1000 --out DIR [--seed 20260701] [--from rules] | time --dir DIR");
        return 2;
    default:
        Environment.SetEnvironmentVariable(RulesFolderLocator.Variable, Path.GetFullPath(RulesFolderLocator.Find()));
        BenchmarkSwitcher.FromAssembly(typeof(RuleBenchmarks).Assembly).Run(args);
        return 0;
}

// The first load+check in a fresh process includes JIT compilation, as a CLI run does;
// the later ones show the steady state the benchmarks measure.
static int TimeLoadAndCheck(string folder)
{
    for (var run = 1; run <= 3; run++)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        if (!RuleWorkspace.TryLoad([folder], out var load, out var error))
        {
            Console.Error.WriteLine(error);
            return 2;
        }

        var loaded = clock.Elapsed;
        var diagnostics = RuleChecker.Check(load!.Set);
        var total = clock.Elapsed;
        Console.WriteLine(
            $"run {run}: {load.Set.Rules.Count()} rules, {diagnostics.Count(d => d.IsError)} errors, {diagnostics.Count(d => !d.IsError)} warnings; " +
            $"load+parse {loaded.TotalMilliseconds:N0} ms, check {(total - loaded).TotalMilliseconds:N0} ms, total {total.TotalMilliseconds:N0} ms, " +
            $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024 / 1024:N0} MB");
        foreach (var d in diagnostics.Take(run == 1 ? 5 : 0))
        {
            Console.WriteLine("  " + d);
        }
    }

    return 0;
}
