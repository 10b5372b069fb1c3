using System.Globalization;
using BenchmarkDotNet.Running;
using TriggerFlow.Benchmarks;

// `generate --rules 1000 --out DIR [--seed N] [--from rules]` writes a corpus; anything else runs benchmarks.
if (args.Length > 0 && args[0] == "generate")
{
    var options = args.Skip(1).Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    if (!options.TryGetValue("--out", out var output))
    {
        Console.Error.WriteLine("usage: generate --rules 1000 --out DIR [--seed 20260701] [--from rules]");
        return 2;
    }

    var count = int.Parse(options.GetValueOrDefault("--rules", "1000"), CultureInfo.InvariantCulture);
    var seed = int.Parse(options.GetValueOrDefault("--seed", "20260701"), CultureInfo.InvariantCulture);
    var from = options.GetValueOrDefault("--from") ?? RulesFolderLocator.Find();
    CorpusGenerator.WriteFolder(from, output, count, seed);
    Console.WriteLine($"wrote {count} rules to {output}");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(RuleBenchmarks).Assembly).Run(args);
return 0;
