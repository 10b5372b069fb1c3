using System.Text;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Parsing;

/// <summary>
/// A file's text after one linear pre-pass: comments are lifted out (kept for the formatter)
/// and replaced by spaces so every position stays where it was; string literals are checked
/// for closing quotes and escapes; parenthesis and bracket depth is bounded. The parser then never sees
/// a comment and never recurses deeper than <see cref="MaxNesting"/>.
/// </summary>
internal sealed class SourceText
{
    /// <summary>Rule files larger than this are refused with a diagnostic rather than parsed.</summary>
    public const int MaxLength = 1024 * 1024;

    /// <summary>
    /// Deeper nesting of parentheses and list brackets (counted together) is refused: no real
    /// audience needs it, and the grammar recurses once per level.
    /// </summary>
    public const int MaxNesting = 32;

    private SourceText(string text, string code, IReadOnlyList<Comment> comments, IReadOnlyList<Diagnostic> diagnostics, ISet<int> badLines)
    {
        Text = text;
        Code = code;
        Comments = comments;
        Diagnostics = diagnostics;
        BadLines = badLines;
    }

    /// <summary>The text as written.</summary>
    public string Text { get; }

    /// <summary>The text with comments blanked out, same length as <see cref="Text"/>.</summary>
    public string Code { get; }

    public IReadOnlyList<Comment> Comments { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Lines already reported by the pre-pass, so the parser does not report them twice.</summary>
    public ISet<int> BadLines { get; }

    public bool CanParse => Diagnostics.All(d => d.Descriptor != Descriptors.FileTooLarge && d.Descriptor != Descriptors.NestingTooDeep);

    public static SourceText Scan(string path, string text)
    {
        var diagnostics = new List<Diagnostic>();
        var badLines = new HashSet<int>();
        if (text.Length > MaxLength)
        {
            diagnostics.Add(Descriptors.FileTooLarge.At(
                path,
                new SourceSpan(0, 0, 1, 1),
                $"the file is {text.Length / 1024:N0} KB; rule files are limited to {MaxLength / 1024:N0} KB",
                "split the rules into several files"));
            return new SourceText(text, text, [], diagnostics, badLines);
        }

        var code = new StringBuilder(text);
        var comments = new List<Comment>();
        var scanner = new Scanner(path, text, code, comments, diagnostics, badLines);
        scanner.Run();
        return new SourceText(text, code.ToString(), comments, diagnostics, badLines);
    }

    private sealed class Scanner(string path, string text, StringBuilder code, List<Comment> comments, List<Diagnostic> diagnostics, HashSet<int> badLines)
    {
        private int _line = 1;
        private int _lineStart;
        private int _depth;
        private bool _depthReported;

        public void Run()
        {
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                switch (c)
                {
                    case '\n':
                        _line++;
                        _lineStart = i + 1;
                        i++;
                        break;
                    case '#':
                        i = SkipComment(i);
                        break;
                    case '"':
                        i = SkipString(i);
                        break;
                    case '(' or '[':
                        Nest(i, +1);
                        i++;
                        break;
                    case ')' or ']':
                        Nest(i, -1);
                        i++;
                        break;
                    default:
                        if (char.IsControl(c) && c != '\r' && c != '\t')
                        {
                            // Control characters are blanked so they can never confuse a terminal or the parser.
                            code[i] = ' ';
                            Report(Descriptors.SyntaxError, i, 1, $"unexpected control character U+{(int)c:X4}", "remove it; rule files are plain text");
                        }

                        i++;
                        break;
                }
            }
        }

        private int SkipComment(int start)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            var trailing = !string.IsNullOrWhiteSpace(text[_lineStart..start]);
            comments.Add(new Comment(text[(start + 1)..end].TrimEnd('\r').Trim(), _line, start - _lineStart + 1, trailing));
            for (var j = start; j < end; j++)
            {
                code[j] = ' ';
            }

            return end;
        }

        private int SkipString(int start)
        {
            var i = start + 1;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '"')
                {
                    return i + 1;
                }

                if (c is '\n' or '\r')
                {
                    break;
                }

                if (c == '\\')
                {
                    if (i + 1 >= text.Length || !IsValidEscape(i))
                    {
                        var shown = i + 1 < text.Length && !char.IsControl(text[i + 1]) ? text[i + 1].ToString() : "";
                        Report(Descriptors.InvalidEscape, i, Math.Min(2, text.Length - i), $"unknown escape `\\{shown}` in a string", "write \\\" for a quote, \\\\ for a backslash, \\n, \\t, or \\uXXXX");
                        i++;
                        continue;
                    }

                    i += text[i + 1] == 'u' ? 6 : 2;
                    continue;
                }

                i++;
            }

            Report(Descriptors.UnterminatedString, start, i - start, "this string is not closed before the end of the line", "add the closing quote `\"`");
            return i;
        }

        private bool IsValidEscape(int backslash)
        {
            var next = text[backslash + 1];
            if (next is '"' or '\\' or 'n' or 't' or 'r')
            {
                return true;
            }

            return next == 'u' && backslash + 5 < text.Length && text.AsSpan(backslash + 2, 4).ToString().All(Uri.IsHexDigit);
        }

        private void Nest(int position, int change)
        {
            _depth = Math.Max(0, _depth + change);
            if (_depth > MaxNesting && !_depthReported)
            {
                _depthReported = true;
                Report(Descriptors.NestingTooDeep, position, 1, $"parentheses and brackets are nested more than {MaxNesting} deep", "simplify the condition, or name parts of it as segments");
            }
        }

        private void Report(DiagnosticDescriptor descriptor, int position, int length, string message, string hint)
        {
            badLines.Add(_line);
            diagnostics.Add(descriptor.At(path, new SourceSpan(position, length, _line, position - _lineStart + 1), message, hint));
        }
    }
}
