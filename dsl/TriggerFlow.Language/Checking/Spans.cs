using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Checking;

/// <summary>Narrow spans cut from wider ones, so a caret points at the word that is wrong.</summary>
internal static class Spans
{
    /// <summary>The first <paramref name="length"/> characters of <paramref name="span"/>: a clause's keyword.</summary>
    public static SourceSpan Prefix(SourceSpan span, int length) =>
        span.IsNone ? span : new SourceSpan(span.Start, Math.Min(length, span.Length), span.Line, span.Column);

    /// <summary>From the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static SourceSpan Through(SourceSpan first, SourceSpan last) => Lexical.Merge(first, last);

    /// <summary>The written names of a path, without its <c>profile.</c> or <c>event.</c> scope.</summary>
    public static SourceSpan Names(PropertyPath path) =>
        path.Names.Count == 0 ? path.Span : Lexical.Merge(path.Names[0].Span, path.Names[^1].Span);

    /// <summary>
    /// The text between two spans on one line, without surrounding blanks: a comparison's operator,
    /// which the syntax tree does not give a span of its own.
    /// </summary>
    public static SourceSpan Between(SourceSpan left, SourceSpan right, string text)
    {
        var start = left.End;
        var end = right.Start;
        if (left.IsNone || end <= start || end > text.Length)
        {
            return left;
        }

        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var onOneLine = text.IndexOf('\n', left.Start, start - left.Start) < 0;
        return end > start && onOneLine
            ? new SourceSpan(start, end - start, left.Line, left.Column + (start - left.Start))
            : left;
    }
}
