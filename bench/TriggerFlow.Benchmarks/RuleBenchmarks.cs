using BenchmarkDotNet.Attributes;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Checking;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Benchmarks;

/// <summary>
/// Parse and check costs, per rule and for a 1,000-rule set. The catalog is loaded once: the
/// per-rule figures are what a rule adds, with the shared segments and governance files it needs.
/// </summary>
[MemoryDiagnoser]
public class RuleBenchmarks
{
    private const int Seed = 20260701;

    private EventCatalog _catalog = EventCatalog.Empty;
    private IReadOnlyList<Diagnostic> _catalogDiagnostics = [];
    private string _oneRule = "";
    private List<SourceFile> _shared = [];
    private List<SourceFile> _thousand = [];
    private string _folder = "";

    [GlobalSetup]
    public void Setup()
    {
        var rules = RulesFolderLocator.Find();
        var catalog = LoadCatalog(rules);
        _catalog = catalog.Catalog;
        _catalogDiagnostics = catalog.Diagnostics;
        _shared = CorpusGenerator.SharedFiles.Skip(1).Select(f => new SourceFile("rules/" + f, File.ReadAllText(Path.Combine(rules, f)))).ToList();
        var generator = new CorpusGenerator(_catalog, Seed);
        _thousand = Enumerable.Range(0, 1000)
            .Select(i => CorpusGenerator.RuleName(i))
            .Select(name => new SourceFile($"rules/{name}.trigger", generator.Rule(name)))
            .ToList();
        _oneRule = _thousand[0].Text;
        _folder = Path.Combine(Path.GetTempPath(), "triggerflow-bench-corpus");
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        CorpusGenerator.WriteFolder(rules, _folder, 1000, Seed);
        var errors = RuleChecker.Check(RuleSet.FromParts(_catalog, _catalogDiagnostics, _shared.Concat(_thousand))).Where(d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            // A corpus with errors would measure error reporting, not the common path.
            throw new InvalidOperationException($"the generated corpus has {errors.Count} errors, first: {errors[0]}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "parse one rule")]
    public ParseResult ParseOneRule() => RuleParser.Parse("rules/gen-00000.trigger", _oneRule);

    [Benchmark(Description = "parse+check one rule (with segments, governance)")]
    public IReadOnlyList<Diagnostic> ParseAndCheckOneRule() =>
        RuleChecker.Check(RuleSet.FromParts(_catalog, _catalogDiagnostics, [.. _shared, new SourceFile("rules/gen-00000.trigger", _oneRule)]));

    [Benchmark(Description = "parse+check 1,000 rules in memory")]
    public IReadOnlyList<Diagnostic> ParseAndCheckThousand() =>
        RuleChecker.Check(RuleSet.FromParts(_catalog, _catalogDiagnostics, _shared.Concat(_thousand)));

    [Benchmark(Description = "load+check 1,000-rule folder from disk")]
    public IReadOnlyList<Diagnostic> LoadAndCheckFolder() =>
        RuleWorkspace.TryLoad([_folder], out var load, out var error)
            ? RuleChecker.Check(load!.Set)
            : throw new InvalidOperationException(error);

    private static CatalogLoadResult LoadCatalog(string rules) =>
        CatalogLoader.Load("rules/catalog.yaml", File.ReadAllText(Path.Combine(rules, EventCatalog.FileName)));
}
