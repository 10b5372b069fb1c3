using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Language.Checking;

/// <summary>Adds diagnostics for one file; carries the file's text for spans the syntax tree does not record.</summary>
internal sealed class Reporter(string path, string text, List<Diagnostic> sink)
{
    public string Path => path;

    public string Text => text;

    public void Add(DiagnosticDescriptor descriptor, SourceSpan span, string message, string? hint) =>
        sink.Add(descriptor.At(path, span, message, hint));

    /// <summary>Adds a problem that also involves <paramref name="relatedPaths"/>, such as a name first defined there.</summary>
    public void Add(DiagnosticDescriptor descriptor, SourceSpan span, string message, string? hint, IEnumerable<string> relatedPaths) =>
        sink.Add(descriptor.At(path, span, message, hint) with
        {
            RelatedPaths = relatedPaths.Where(p => p != path).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        });
}

/// <summary>One <see cref="Reporter"/> per file of a rule set, all writing to the same list.</summary>
internal sealed class Reporters(RuleSet set, List<Diagnostic> sink)
{
    private readonly Dictionary<string, Reporter> _byPath = new(StringComparer.Ordinal);

    public Reporter For(string path)
    {
        if (!_byPath.TryGetValue(path, out var reporter))
        {
            reporter = new Reporter(path, set.TextOf(path) ?? "", sink);
            _byPath[path] = reporter;
        }

        return reporter;
    }
}
