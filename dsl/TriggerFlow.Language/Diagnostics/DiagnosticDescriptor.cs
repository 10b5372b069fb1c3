namespace TriggerFlow.Language.Diagnostics;

/// <summary>A kind of problem: stable code, title, severity and the page that explains it.</summary>
public sealed record DiagnosticDescriptor(string Code, string Title, Severity Severity)
{
    /// <summary>Where the code is explained, with a failing example.</summary>
    public string HelpLink => $"docs/diagnostics.md#{Code.ToLowerInvariant()}";

    public Diagnostic At(string path, Syntax.SourceSpan span, string message, string? hint = null) =>
        new(this, message, path, span, hint);
}
