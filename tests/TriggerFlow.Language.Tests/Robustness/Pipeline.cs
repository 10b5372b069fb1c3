using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Checking;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Workspace;
using TriggerFlow.Testing;

namespace TriggerFlow.Language.Tests.Robustness;

/// <summary>
/// Runs the parser, the catalog loader and the checker on hostile input inside the hang guard,
/// and asserts what must hold for any input: no exception, and every diagnostic points inside its file.
/// </summary>
internal static class Pipeline
{
    public const string CatalogPath = "rules/catalog.yaml";

    private static readonly Lazy<CatalogLoadResult> RealCatalog = new(() => CatalogLoader.Load(CatalogPath, RulesFolder.CatalogText));

    /// <summary>
    /// The files every rule depends on (segments, channel caps, quiet hours). The other rules are
    /// left out: re-parsing the whole folder for each of thousands of cases would dominate the run.
    /// </summary>
    private static readonly Lazy<IReadOnlyList<SourceFile>> SharedRules = new(
        () => RulesFolder.TriggerFiles()
            .Where(f => f.Name is "segments.trigger" or "governance.trigger")
            .Select(f => new SourceFile("rules/" + f.Name, f.Text))
            .ToList());

    public static async Task<ParseResult> Parse(string text, string path = "rules/hostile.trigger")
    {
        var result = await HangGuard.Within($"parsing {Describe(text)}", () => RuleParser.Parse(path, text));
        SpanChecks.AssertInside(result.Diagnostics, text);
        return result;
    }

    /// <summary>
    /// Parses <paramref name="text"/> as <see cref="Parse"/> does, and counts the bytes the parse
    /// allocated. Allocations measure the parser's work without depending on how fast or how busy the
    /// machine is: the same input allocates the same bytes on every run.
    /// </summary>
    public static async Task<(ParseResult Result, long Bytes)> ParseCountingAllocations(string text, string path = "rules/hostile.trigger")
    {
        // The parse runs on one thread, so that thread's allocations are all of its work.
        var (result, bytes) = await HangGuard.Within($"parsing {Describe(text)}", () =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var parsed = RuleParser.Parse(path, text);
            return (parsed, GC.GetAllocatedBytesForCurrentThread() - before);
        });
        SpanChecks.AssertInside(result.Diagnostics, text);
        return (result, bytes);
    }

    /// <summary>Parses and checks <paramref name="text"/> as a file beside the real catalog and shared files.</summary>
    public static async Task<IReadOnlyList<Diagnostic>> ParseAndCheck(string text, string path = "rules/hostile.trigger")
    {
        await Parse(text, path);
        var sources = SharedRules.Value
            .Where(f => f.Path != path)
            .Append(new SourceFile(path, text))
            .ToList();
        var diagnostics = await HangGuard.Within(
            $"checking {Describe(text)}",
            () => RuleChecker.Check(RuleSet.FromParts(RealCatalog.Value.Catalog, RealCatalog.Value.Diagnostics, sources)));
        SpanChecks.AssertInside(diagnostics, sources.ToDictionary(s => s.Path, s => s.Text), allowWholeFile: true);
        return diagnostics;
    }

    /// <summary>The rule set of <paramref name="text"/> beside the real catalog and shared files, for the compiler.</summary>
    public static RuleSet SetWith(string text, string path = "rules/hostile.trigger") =>
        RuleSet.FromParts(RealCatalog.Value.Catalog, RealCatalog.Value.Diagnostics, SharedRules.Value.Append(new SourceFile(path, text)));

    public static async Task<CatalogLoadResult> LoadCatalog(string yaml)
    {
        var result = await HangGuard.Within($"loading the catalog {Describe(yaml)}", () => CatalogLoader.Load(CatalogPath, yaml));
        SpanChecks.AssertLinesInside(result.Diagnostics, yaml);
        return result;
    }

    /// <summary>A short, printable description of a case for failure messages.</summary>
    public static string Describe(string text)
    {
        var head = new string(text.Take(60).Select(c => char.IsControl(c) ? '·' : c).ToArray());
        return $"{text.Length:N0} chars starting `{head}`";
    }
}
