using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Workspace;

/// <summary>A file's path (as shown in diagnostics) and its text.</summary>
public sealed record SourceFile(string Path, string Text);

/// <summary>
/// Everything one rules folder declares, parsed: the catalog, every <c>.trigger</c> file, and the
/// problems found while reading them. The checker and compiler work on this, never on the disk.
/// </summary>
public sealed class RuleSet
{
    private RuleSet(EventCatalog catalog, IReadOnlyList<SourceFile> sources, IReadOnlyList<TriggerFile> files, IReadOnlyList<Diagnostic> diagnostics)
    {
        Catalog = catalog;
        Sources = sources;
        Files = files;
        ReadDiagnostics = diagnostics;
    }

    public EventCatalog Catalog { get; }

    /// <summary>The files' texts, in path order, for rendering diagnostics and formatting.</summary>
    public IReadOnlyList<SourceFile> Sources { get; }

    public IReadOnlyList<TriggerFile> Files { get; }

    /// <summary>Problems found while reading: the catalog's and the parser's.</summary>
    public IReadOnlyList<Diagnostic> ReadDiagnostics { get; }

    public IEnumerable<RuleSyntax> Rules => Files.SelectMany(f => f.Rules);

    public IEnumerable<SegmentSyntax> Segments => Files.SelectMany(f => f.Declarations.OfType<SegmentSyntax>());

    public IEnumerable<ChannelCapsSyntax> ChannelCaps => Files.SelectMany(f => f.Declarations.OfType<ChannelCapsSyntax>());

    public IEnumerable<DefaultQuietHoursSyntax> DefaultQuietHours => Files.SelectMany(f => f.Declarations.OfType<DefaultQuietHoursSyntax>());

    /// <summary>Parses a catalog and rule files already in memory.</summary>
    public static RuleSet FromSources(SourceFile catalog, IEnumerable<SourceFile> files)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(files);
        var loaded = CatalogLoader.Load(catalog.Path, catalog.Text);
        return FromParts(loaded.Catalog, loaded.Diagnostics, files);
    }

    /// <summary>Parses rule files against a catalog already loaded.</summary>
    public static RuleSet FromParts(EventCatalog catalog, IEnumerable<Diagnostic> catalogDiagnostics, IEnumerable<SourceFile> files)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var diagnostics = new List<Diagnostic>(catalogDiagnostics);
        var sources = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var parsed = new List<TriggerFile>(sources.Count);
        foreach (var source in sources)
        {
            var result = RuleParser.Parse(source.Path, source.Text);
            parsed.Add(result.File);
            diagnostics.AddRange(result.Diagnostics);
        }

        return new RuleSet(catalog, sources, parsed, diagnostics);
    }

    /// <summary>The text of a file in the set, for rendering a diagnostic's source line.</summary>
    public string? TextOf(string path) => Sources.FirstOrDefault(s => s.Path == path)?.Text;
}
