using System.Text;

namespace TriggerFlow.Language.Diagnostics;

/// <summary>
/// The rustc/Elm-style report:
/// <code>
/// error[TF0102]: unknown channel `smss`
///   --> rules/welcome.trigger:4:8
///    |
///  4 |   send smss template "welcome"
///    |        ^^^^ did you mean `sms`?
///    = help: channels are `email`, `sms`, `push`
/// </code>
/// </summary>
internal static class TextReport
{
    /// <summary>Source lines wider than this are cut to a window around the span.</summary>
    public const int MaxLineWidth = 100;

    private const string Ellipsis = "...";

    public static string Render(IReadOnlyList<Diagnostic> diagnostics, Func<string, string?> textOf, bool colour)
    {
        var paint = new Paint(colour);
        var output = new StringBuilder();
        foreach (var diagnostic in diagnostics)
        {
            Diagnostic(output, diagnostic, textOf(diagnostic.Path), paint);
            output.Append('\n');
        }

        output.Append(paint.Bold(DiagnosticRenderer.Summary(diagnostics))).Append('\n');
        return output.ToString();
    }

    private static void Diagnostic(StringBuilder output, Diagnostic diagnostic, string? text, Paint paint)
    {
        var span = diagnostic.Span;
        var line = text is null || span.IsNone ? null : SourceLocation.LineText(text, span.Line);
        var width = span.IsNone ? 1 : span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        var gutter = new string(' ', width + 2);
        var (label, help) = SplitHint(diagnostic.Hint);
        var severity = diagnostic.IsError ? "error" : "warning";

        output.Append(paint.Severity(diagnostic, $"{severity}[{diagnostic.Code}]"))
            .Append(paint.Bold(": " + Printable.Text(diagnostic.Message))).Append('\n');
        output.Append(new string(' ', width + 1)).Append(paint.Gutter("--> ")).Append(Printable.Text(diagnostic.Path));
        output.Append(span.IsNone ? "" : $":{span.Line}:{span.Column}").Append('\n');
        if (line is not null)
        {
            Snippet(output, diagnostic, line, gutter, paint, label);
            label = null;
        }

        var helpText = label is null ? help : help is null ? label : label + " " + help;
        if (helpText is not null)
        {
            output.Append(gutter).Append(paint.Gutter("=")).Append(paint.Bold(" help:")).Append(' ').Append(Printable.Text(helpText)).Append('\n');
        }
    }

    private static void Snippet(StringBuilder output, Diagnostic diagnostic, string line, string gutter, Paint paint, string? label)
    {
        var (shown, columns) = Printable.Line(line);
        var first = Math.Clamp(diagnostic.Span.Column - 1, 0, line.Length);
        var last = Math.Clamp(first + Math.Max(diagnostic.Span.Length, 1), first, line.Length);
        var caretStart = columns[first];
        var caretEnd = Math.Max(columns[last], caretStart + 1);
        (shown, caretStart, caretEnd) = Trim(shown, caretStart, caretEnd);

        var number = diagnostic.Span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        output.Append(gutter).Append(paint.Gutter("|")).Append('\n');
        output.Append(' ').Append(paint.Gutter(number + " |")).Append(' ').Append(shown).Append('\n');
        output.Append(gutter).Append(paint.Gutter("|")).Append(' ').Append(' ', caretStart)
            .Append(paint.Severity(diagnostic, new string('^', caretEnd - caretStart) + (label is null ? "" : " " + Printable.Text(label))))
            .Append('\n');
    }

    /// <summary>Cuts a long line to a window that keeps the caret in view, marking the cuts with "...".</summary>
    private static (string Shown, int CaretStart, int CaretEnd) Trim(string shown, int caretStart, int caretEnd)
    {
        if (shown.Length <= MaxLineWidth)
        {
            return (shown, caretStart, caretEnd);
        }

        var start = Math.Clamp(caretStart - (MaxLineWidth / 4), 0, shown.Length - MaxLineWidth);
        var end = start + MaxLineWidth;
        var prefix = start > 0 ? Ellipsis : "";
        var window = prefix + shown[start..end] + (end < shown.Length ? Ellipsis : "");
        var offset = prefix.Length - start;
        return (window, caretStart + offset, Math.Min(caretEnd, end) + offset);
    }

    /// <summary>
    /// A hint that opens with "did you mean `x`?" shows that question under the caret and the
    /// rest as help, as rustc does; the checker always puts the suggestion first for this reason.
    /// </summary>
    internal static (string? Label, string? Help) SplitHint(string? hint)
    {
        const string question = "did you mean ";
        if (hint is null || !hint.StartsWith(question, StringComparison.Ordinal))
        {
            return (null, hint);
        }

        var end = hint.IndexOf("? ", StringComparison.Ordinal);
        return end < 0 ? (hint, null) : (hint[..(end + 1)], hint[(end + 2)..]);
    }

    private readonly struct Paint(bool colour)
    {
        public string Bold(string text) => Wrap("1", text);

        public string Gutter(string text) => Wrap("1;34", text);

        public string Severity(Diagnostic diagnostic, string text) => Wrap(diagnostic.IsError ? "1;31" : "1;33", text);

        private string Wrap(string code, string text) => colour ? $"\u001b[{code}m{text}\u001b[0m" : text;
    }
}
