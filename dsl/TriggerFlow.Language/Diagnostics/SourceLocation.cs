namespace TriggerFlow.Language.Diagnostics;

/// <summary>
/// Where a diagnostic starts and ends in its file, from its line and column (not its offset: the
/// catalog loader knows only lines and columns). The end is inclusive; a span that runs past
/// its line ends on a later line.
/// </summary>
internal readonly record struct SourceLocation(int Line, int Column, int EndLine, int EndColumn)
{
    public static SourceLocation Of(Diagnostic diagnostic, string? text)
    {
        var span = diagnostic.Span;
        var length = Math.Max(span.Length, 1);
        var fallback = new SourceLocation(span.Line, span.Column, span.Line, span.Column + length - 1);
        if (text is null || span.IsNone || LineStart(text, span.Line) is not { } lineStart)
        {
            return fallback;
        }

        var start = lineStart + span.Column - 1;
        if (start < 0 || start >= text.Length)
        {
            return fallback;
        }

        var last = Math.Min(start + length, text.Length) - 1;
        var line = span.Line;
        var column = span.Column;
        for (var i = start; i < last; i++)
        {
            column = text[i] == '\n' ? 1 : column + 1;
            line += text[i] == '\n' ? 1 : 0;
        }

        return new SourceLocation(span.Line, span.Column, line, column);
    }

    /// <summary>The offset where 1-based line <paramref name="line"/> starts, or null past the end.</summary>
    public static int? LineStart(string text, int line)
    {
        var start = 0;
        for (var n = 1; n < line; n++)
        {
            var next = text.IndexOf('\n', start);
            if (next < 0)
            {
                return null;
            }

            start = next + 1;
        }

        return start;
    }

    /// <summary>The text of 1-based line <paramref name="line"/>, without its line break, or null past the end.</summary>
    public static string? LineText(string text, int line)
    {
        if (LineStart(text, line) is not { } start)
        {
            return null;
        }

        var end = text.IndexOf('\n', start);
        return text[start..(end < 0 ? text.Length : end)].TrimEnd('\r');
    }
}
