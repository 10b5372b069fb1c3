namespace TriggerFlow.Language.Diagnostics;

/// <summary>
/// Turns diagnostics into what people and tools read: rustc-style text with the source line and
/// carets, a JSON array, or GitHub Actions workflow commands. Never throws on any diagnostic or text.
/// </summary>
public static class DiagnosticRenderer
{
    /// <summary>
    /// Each diagnostic with its source line and a caret under the span, then a summary line such as
    /// <c>2 errors, 1 warning in 3 files</c>.
    /// </summary>
    /// <param name="textOf">A file's text by path; null when it is not at hand (only the location is shown then).</param>
    /// <param name="colour">ANSI colours; false (the caller's choice for redirected output or NO_COLOR) gives plain text.</param>
    public static string Text(IEnumerable<Diagnostic> diagnostics, Func<string, string?> textOf, bool colour)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(textOf);
        return TextReport.Render(diagnostics.ToList(), textOf, colour);
    }

    /// <summary>
    /// A JSON array of objects with <c>code</c>, <c>severity</c>, <c>title</c>, <c>message</c>, <c>file</c>,
    /// <c>line</c>, <c>column</c>, <c>endLine</c>, <c>endColumn</c>, <c>hint</c> and <c>helpLink</c>.
    /// Lines and columns are 1-based; the end is the last character of the span, inclusive.
    /// </summary>
    public static string Json(IEnumerable<Diagnostic> diagnostics, Func<string, string?> textOf)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(textOf);
        return JsonReport.Render(diagnostics, textOf);
    }

    /// <summary>
    /// One GitHub Actions workflow command per diagnostic
    /// (<c>::error file=F,line=L,col=C,endColumn=E,title=TF0102 unknown channel::message. hint</c>),
    /// so each shows as an annotation on the pull request.
    /// </summary>
    public static string GitHub(IEnumerable<Diagnostic> diagnostics, Func<string, string?> textOf)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(textOf);
        return GitHubAnnotations.Render(diagnostics, textOf);
    }

    /// <summary><c>2 errors, 1 warning in 3 files</c>, or <c>no errors or warnings</c>.</summary>
    public static string Summary(IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var list = diagnostics.ToList();
        if (list.Count == 0)
        {
            return "no errors or warnings";
        }

        var errors = list.Count(d => d.IsError);
        var warnings = list.Count - errors;
        var parts = new List<string>();
        if (errors > 0)
        {
            parts.Add(Count(errors, "error"));
        }

        if (warnings > 0)
        {
            parts.Add(Count(warnings, "warning"));
        }

        return $"{string.Join(", ", parts)} in {Count(list.Select(d => d.Path).Distinct(StringComparer.Ordinal).Count(), "file")}";
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
