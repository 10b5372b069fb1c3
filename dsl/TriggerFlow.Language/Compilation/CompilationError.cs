using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Compilation;

/// <summary>
/// Something the checker should have rejected but did not, found while compiling one rule.
/// Thrown inside the compiler only and turned into a <see cref="Diagnostic"/> for that rule,
/// so a gap in the checker surfaces as an error message, never as a crash or a wrong plan.
/// </summary>
internal sealed class CompilationError(SourceSpan span, string message) : Exception(message)
{
    /// <summary>
    /// TF0900 is the compiler's own code: it means the checker let something through.
    /// Kept here rather than in <see cref="Descriptors"/> because it is not a marketer's mistake to document.
    /// </summary>
    public static readonly DiagnosticDescriptor Descriptor = new("TF0900", "Rule cannot be compiled", Severity.Error);

    public SourceSpan Span { get; } = span;

    public Diagnostic ToDiagnostic(string path) =>
        Descriptor.At(path, Span, Message, "this is a gap in `triggerflow check`; please report it with the rule");
}
