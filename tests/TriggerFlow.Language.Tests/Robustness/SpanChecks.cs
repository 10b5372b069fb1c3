using TriggerFlow.Language.Diagnostics;

namespace TriggerFlow.Language.Tests.Robustness;

/// <summary>
/// A diagnostic is only useful if an editor or the CLI can show its line: the span must lie inside
/// the file, lines and columns count from 1, and they must agree with the offset.
/// </summary>
internal static class SpanChecks
{
    public static void AssertInside(IEnumerable<Diagnostic> diagnostics, string text) =>
        AssertInside(diagnostics, path => text, allowWholeFile: false);

    /// <param name="allowWholeFile">The checker may report a whole-file problem with <c>SourceSpan.None</c>, as <see cref="Diagnostic"/> documents.</param>
    public static void AssertInside(IEnumerable<Diagnostic> diagnostics, IReadOnlyDictionary<string, string> texts, bool allowWholeFile) =>
        AssertInside(diagnostics, path => texts.TryGetValue(path, out var text) ? text : null, allowWholeFile);

    /// <summary>The catalog loader reports YAML positions (line and column only), not offsets.</summary>
    public static void AssertLinesInside(IEnumerable<Diagnostic> diagnostics, string yaml)
    {
        var lines = yaml.Count(c => c == '\n') + 1;
        foreach (var d in diagnostics)
        {
            Assert.True(d.Span.Line >= 1 && d.Span.Line <= lines, $"line {d.Span.Line} outside 1..{lines}: {d}");
            Assert.True(d.Span.Column >= 1, $"column {d.Span.Column} below 1: {d}");
        }
    }

    private static void AssertInside(IEnumerable<Diagnostic> diagnostics, Func<string, string?> textOf, bool allowWholeFile)
    {
        var lineStarts = new Dictionary<string, int[]>();
        foreach (var d in diagnostics)
        {
            var text = textOf(d.Path);
            if (text is null || (allowWholeFile && d.Span.IsNone))
            {
                continue;
            }

            if (!lineStarts.TryGetValue(d.Path, out var starts))
            {
                starts = LineStarts(text);
                lineStarts[d.Path] = starts;
            }

            var span = d.Span;
            Assert.True(span.Start >= 0 && span.Length >= 0 && span.End <= text.Length, $"span {span.Start}+{span.Length} outside the {text.Length}-char file: {d}");
            var found = Array.BinarySearch(starts, span.Start);
            var line = found >= 0 ? found + 1 : ~found;
            Assert.True(span.Line == line && span.Column == span.Start - starts[line - 1] + 1, $"line:column {span.Line}:{span.Column} does not match offset {span.Start} (line {line}): {d}");
        }
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}
