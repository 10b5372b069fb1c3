using System.Text;

namespace TriggerFlow.Language.Tests.Formatting;

/// <summary>Where a comment was put in a messy text, and the canonical code line it was written against.</summary>
public enum CommentPosition
{
    Above,
    After,
    End,
}

public sealed record PlacedComment(string Text, CommentPosition Position, string Code);

/// <summary>
/// Canonical text made untidy without changing what it means: clauses shuffled (each kind keeping
/// its own order), default header clauses dropped, keywords in capitals, odd indentation, blank
/// lines, CRLF, a comma after every line so no clause can be read into its neighbour, and comments
/// above, after and below the code.
/// </summary>
internal static class MessyText
{
    private static readonly string[] Indents = ["", " ", "  ", "\t", "    "];

    private static readonly string[] Defaults = ["owner \"unassigned\"", "status draft", "priority 50"];

    private static readonly string[] ClauseKinds =
        ["owner", "status", "priority", "active", "when", "then", "without", "within", "wait", "and", "send", "at", "quiet", "control", "variant", "goal", "minimum"];

    private static readonly string[] CommentTails = ["", " keep this", " \"quoted\" # hash", " é 日本 😀", " TODO: ask @ana"];

    public static (string Text, IReadOnlyList<PlacedComment> Comments) From(string canonical, int seed)
    {
        var random = new Random(seed);
        var comments = new List<PlacedComment>();
        var text = new StringBuilder();
        foreach (var block in canonical.TrimEnd('\n').Split("\n\n"))
        {
            foreach (var code in Lines(block, random))
            {
                Write(text, code, comments, random);
            }

            text.Append('\n', random.Next(0, 3));
        }

        for (var i = random.Next(0, 3); i > 0; i--)
        {
            var comment = new PlacedComment(CommentText(comments.Count, random), CommentPosition.End, "");
            comments.Add(comment);
            text.Append("# ").Append(comment.Text).Append('\n');
        }

        var result = text.ToString();
        return (random.Next(0, 3) == 0 ? result.Replace("\n", "\r\n", StringComparison.Ordinal) : result, comments);
    }

    /// <summary>A block's code lines, canonical and without the separating comma: the header, then its clauses reshuffled.</summary>
    private static IEnumerable<string> Lines(string block, Random random)
    {
        var lines = block.Split('\n').Select(l => l.Trim().TrimEnd(',')).ToList();
        var clauses = lines.Skip(1).Where(l => !Defaults.Contains(l) || random.Next(0, 2) == 0).ToList();
        var queues = clauses.GroupBy(Kind).ToDictionary(g => g.Key, g => new Queue<string>(g));
        return clauses.OrderBy(_ => random.Next()).Select(l => queues[Kind(l)].Dequeue()).Prepend(lines[0]);
    }

    private static int Kind(string clause) => Array.IndexOf(ClauseKinds, clause.Split(' ')[0]);

    private static void Write(StringBuilder text, string code, List<PlacedComment> comments, Random random)
    {
        var indent = Indents[random.Next(Indents.Length)];
        if (random.Next(0, 4) == 0)
        {
            var above = new PlacedComment(CommentText(comments.Count, random), CommentPosition.Above, code);
            comments.Add(above);
            text.Append(Indents[random.Next(Indents.Length)]).Append("#").Append(random.Next(0, 2) == 0 ? " " : "").Append(above.Text).Append('\n');
        }

        text.Append(indent).Append(random.Next(0, 2) == 0 ? Shout(code) : code).Append(',');
        if (random.Next(0, 4) == 0)
        {
            var after = new PlacedComment(CommentText(comments.Count, random), CommentPosition.After, code);
            comments.Add(after);
            text.Append(' ', random.Next(0, 3)).Append('#').Append(after.Text);
        }

        text.Append('\n').Append('\n', random.Next(0, 5) == 0 ? 1 : 0);
    }

    /// <summary>The line with its first word, always a keyword, in capitals.</summary>
    private static string Shout(string code)
    {
        var space = code.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? code.ToUpperInvariant() : code[..space].ToUpperInvariant() + code[space..];
    }

    private static string CommentText(int number, Random random) => $"c{number}" + CommentTails[random.Next(CommentTails.Length)];
}
