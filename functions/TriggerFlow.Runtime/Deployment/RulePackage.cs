using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Runtime.Deployment;

/// <summary>A rules folder's files as a deploy carries them: the catalog and every rule file, with the paths diagnostics show.</summary>
internal sealed record RulePackage(SourceFile Catalog, IReadOnlyList<SourceFile> Files)
{
    /// <summary>Checks and compiles the files with the same compiler as <c>triggerflow compile</c>.</summary>
    public PackageCompilation Compile()
    {
        var result = RuleCompiler.Compile(RuleSet.FromSources(Catalog, Files));
        return new PackageCompilation(result.Plans, result.Diagnostics, this);
    }

    /// <summary>A file's text by the path its diagnostics carry, for rendering source lines.</summary>
    public string? TextOf(string path) =>
        path == Catalog.Path ? Catalog.Text : Files.FirstOrDefault(f => f.Path == path)?.Text;
}

/// <summary>What compiling a <see cref="RulePackage"/> gave: plans, or the diagnostics that stopped them.</summary>
internal sealed record PackageCompilation(PlanSet? Plans, IReadOnlyList<Diagnostic> Diagnostics, RulePackage Package)
{
    /// <summary>The diagnostics as <see cref="DiagnosticRenderer.Json"/> writes them.</summary>
    public string DiagnosticsJson => DiagnosticRenderer.Json(Diagnostics, Package.TextOf);

    /// <summary>The diagnostics as plain text with source lines and a summary, as <c>triggerflow check</c> prints them.</summary>
    public string DiagnosticsText => DiagnosticRenderer.Text(Diagnostics, Package.TextOf, colour: false);
}
