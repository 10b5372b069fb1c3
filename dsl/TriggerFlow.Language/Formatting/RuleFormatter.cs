using System.Diagnostics.CodeAnalysis;
using System.Text;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Formatting;

/// <summary>
/// The canonical printer behind <c>triggerflow fmt</c>. Its output parses back to the same rules
/// (clauses in canonical order, the owner/status/priority defaults written out, the one-line form
/// given its file's name), and formatting that output again changes nothing.
/// </summary>
/// <remarks>
/// The canonical form: lower-case keywords; <c>rule "name"</c> with its clauses one per line,
/// indented two spaces; one blank line between declarations; <c>\n</c> line endings and one
/// newline at the end. Comments keep to the declaration or clause they were written above
/// (or after, on the same line); blank lines inside a rule are not kept.
/// </remarks>
public static class RuleFormatter
{
    private const string Indent = "  ";

    /// <summary>
    /// Parses and formats <paramref name="text"/>. A file with parse errors is never formatted:
    /// the result is false, <paramref name="formatted"/> is null and <paramref name="diagnostics"/> says why.
    /// </summary>
    public static bool TryFormat(string path, string text, [NotNullWhen(true)] out string? formatted, out IReadOnlyList<Diagnostic> diagnostics)
    {
        formatted = RuleParser.TryParse(path, text, out var file, out diagnostics) ? Format(file) : null;
        return formatted is not null;
    }

    /// <summary>Prints a parsed file in canonical form; an empty file prints as the empty string.</summary>
    public static string Format(TriggerFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var comments = CommentPlacement.Of(file);
        var blocks = file.Declarations.Select(d => Declaration(d, comments)).ToList();
        if (comments.End.Count > 0)
        {
            var end = new StringBuilder();
            Comments(end, "", comments.End);
            blocks.Add(end.ToString());
        }

        // Each block ends with its newline, so joining on one more leaves one blank line between them.
        return string.Join("\n", blocks);
    }

    private static string Declaration(DeclarationSyntax declaration, CommentPlacement comments)
    {
        var text = new StringBuilder();
        Line(text, "", Header(declaration), comments.For([declaration]));
        if (declaration is RuleSyntax rule)
        {
            foreach (var line in RuleLayout.Lines(rule))
            {
                Line(text, Indent, ClausePrinter.Print(line.Clause) + (line.Separated ? "," : ""), comments.For(line.Sources));
            }
        }

        return text.ToString();
    }

    private static string Header(DeclarationSyntax declaration) => declaration switch
    {
        RuleSyntax rule => "rule " + LiteralPrinter.String(rule.Name.Value),
        SegmentSyntax segment => $"segment {segment.Name.Text}: {ConditionPrinter.Print(segment.Condition)}",
        ChannelCapsSyntax channel => $"channel {channel.Channel.Text} " + string.Join(" and ", channel.Caps.Select(ClausePrinter.Cap)),
        DefaultQuietHoursSyntax quiet => "quiet hours " + ClausePrinter.TimeRange(quiet.Hours),
        _ => throw new ArgumentOutOfRangeException(nameof(declaration), declaration.GetType().Name, "unknown declaration kind"),
    };

    private static void Line(StringBuilder text, string indent, string code, (IReadOnlyList<Comment> Above, Comment? After) comments)
    {
        Comments(text, indent, comments.Above);
        text.Append(indent).Append(code);
        if (comments.After is { } after)
        {
            text.Append("  ").Append(CommentText(after));
        }

        text.Append('\n');
    }

    private static void Comments(StringBuilder text, string indent, IEnumerable<Comment> comments)
    {
        foreach (var comment in comments)
        {
            text.Append(indent).Append(CommentText(comment)).Append('\n');
        }
    }

    private static string CommentText(Comment comment) => comment.Text.Length == 0 ? "#" : "# " + comment.Text;
}
