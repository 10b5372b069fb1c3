using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Formatting;

/// <summary>
/// Which declaration or clause each comment belongs to, so it moves with it when clauses are
/// reordered. A comment on its own line belongs to the next item; a trailing comment to the last
/// item that starts before it on or above its line; comments after the last item stay at the end.
/// </summary>
internal sealed class CommentPlacement
{
    // Syntax records compare by content; two identical clauses still carry different comments.
    private readonly Dictionary<object, List<Comment>> _above = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, List<Comment>> _after = new(ReferenceEqualityComparer.Instance);
    private readonly List<Comment> _end = [];

    private CommentPlacement()
    {
    }

    public IReadOnlyList<Comment> End => _end;

    public static CommentPlacement Of(TriggerFile file)
    {
        var placement = new CommentPlacement();
        if (file.Comments.Count == 0)
        {
            return placement;
        }

        var items = Items(file).ToList();
        var next = 0;
        foreach (var comment in file.Comments.OrderBy(c => c.Line).ThenBy(c => c.Column))
        {
            while (next < items.Count && Before(items[next].Span, comment))
            {
                next++;
            }

            placement.Place(comment, next > 0 ? items[next - 1].Node : null, next < items.Count ? items[next].Node : null);
        }

        return placement;
    }

    /// <summary>
    /// The comments printed above the line for <paramref name="sources"/>, and the one printed after it.
    /// A line has room for one trailing comment; any others (a clause written over several lines) go above it.
    /// </summary>
    public (IReadOnlyList<Comment> Above, Comment? After) For(IEnumerable<object> sources)
    {
        var nodes = sources.ToList();
        var after = nodes.SelectMany(n => _after.GetValueOrDefault(n) ?? []).ToList();
        var above = nodes.SelectMany(n => _above.GetValueOrDefault(n) ?? []).Concat(after.Skip(1)).ToList();
        return (above, after.FirstOrDefault());
    }

    /// <summary>Declarations and their clauses in the order they were written; a rule comes before its first clause.</summary>
    private static IEnumerable<(object Node, SourceSpan Span)> Items(TriggerFile file) =>
        file.Declarations
            .SelectMany(d => d is RuleSyntax rule
                ? rule.Clauses.Select(c => ((object)c, c.Span)).Prepend((rule, rule.Span))
                : [(d, d.Span)])
            .OrderBy(i => i.Item2.Line)
            .ThenBy(i => i.Item2.Column);

    private static bool Before(SourceSpan span, Comment comment) =>
        span.Line < comment.Line || (span.Line == comment.Line && span.Column < comment.Column);

    private void Place(Comment comment, object? previous, object? next)
    {
        if (comment.Trailing && previous is not null)
        {
            Add(_after, previous, comment);
        }
        else if (next is not null)
        {
            Add(_above, next, comment);
        }
        else
        {
            _end.Add(comment);
        }
    }

    private static void Add(Dictionary<object, List<Comment>> map, object node, Comment comment)
    {
        if (!map.TryGetValue(node, out var comments))
        {
            map[node] = comments = [];
        }

        comments.Add(comment);
    }
}
