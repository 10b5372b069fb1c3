using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Diagnostics;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>One problem found in a rule file: what, where, and how to fix it.</summary>
/// <param name="Descriptor">The stable code, title and default severity.</param>
/// <param name="Message">The plain-language message for this occurrence.</param>
/// <param name="Path">The file, as given to the tool.</param>
/// <param name="Span">Where in the file; <see cref="SourceSpan.None"/> for a whole-file problem.</param>
/// <param name="Hint">How to fix it, including any "did you mean" suggestion.</param>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, string Message, string Path, SourceSpan Span, string? Hint = null)
{
    public string Code => Descriptor.Code;

    public Severity Severity => Descriptor.Severity;

    public bool IsError => Severity == Severity.Error;

    /// <summary>
    /// The other files a cross-file problem involves (where a duplicated name was first defined, the
    /// files of a segment loop), so checking one file can report a problem it takes part in even when
    /// the problem is reported in another. Empty by default.
    /// </summary>
    public IReadOnlyList<string> RelatedPaths { get; init; } = [];

    // Written out because a record compares a list by reference; two reports of one problem are equal.
    public bool Equals(Diagnostic? other) =>
        other is not null
        && Descriptor == other.Descriptor
        && Message == other.Message
        && Path == other.Path
        && Span == other.Span
        && Hint == other.Hint
        && RelatedPaths.SequenceEqual(other.RelatedPaths);

    public override int GetHashCode() => HashCode.Combine(Descriptor, Message, Path, Span, Hint, RelatedPaths.Count);

    public override string ToString() => $"{Path}:{Span.Line}:{Span.Column}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}
