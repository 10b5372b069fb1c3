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

    public override string ToString() => $"{Path}:{Span.Line}:{Span.Column}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}
