using System.Text.RegularExpressions;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Checking;

/// <summary>The shape of a rule: a usable name, a known status, clauses given once, a signal and a send.</summary>
internal sealed partial class RuleShapeChecks(Reporter report, bool clausesMayBeMissing)
{
    private static readonly string[] Statuses = ["draft", "test", "always-on", "paused"];

    /// <summary>Clauses a rule may have once: how each is named in messages, and the length of its first keyword.</summary>
    private static readonly (Type Clause, string Name, int KeywordLength)[] Singles =
    [
        (typeof(OwnerClause), "owner", 5),
        (typeof(StatusClause), "status", 6),
        (typeof(PriorityClause), "priority", 8),
        (typeof(ActiveClause), "active", 6),
        (typeof(WhenClause), "when", 4),
        (typeof(WaitClause), "wait", 4),
        (typeof(TenureClause), "within … of first", 6),
        (typeof(AudienceClause), "and", 3),
        (typeof(QuietHoursClause), "quiet hours", 5),
        (typeof(ControlClause), "control", 7),
        (typeof(GoalClause), "goal", 4),
        (typeof(MinimumSampleClause), "minimum sample", 7),
    ];

    /// <summary>Where a rule-wide problem is shown: its name, or for a one-line rule its first word.</summary>
    public static SourceSpan Anchor(RuleSyntax rule, string text) =>
        !rule.ImplicitName || rule.Clauses.Count == 0 ? rule.Name.Span : FirstWord(rule.Clauses[0].Span, text);

    /// <summary>Checks the rule's shape and returns its status (draft when none is written), or null when the status is unknown.</summary>
    public RuleStatusKind? Check(RuleSyntax rule)
    {
        Name(rule);
        Duplicates(rule);
        Required(rule);
        SendsPerChannel(rule);
        return Status(rule);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleName();

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotSlug();

    private static SourceSpan FirstWord(SourceSpan span, string text)
    {
        var end = span.Start;
        while (end < span.End && end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return Spans.Prefix(span, Math.Max(1, end - span.Start));
    }

    private void Name(RuleSyntax rule)
    {
        var name = rule.Name.Value;
        if (RuleName().IsMatch(name))
        {
            return;
        }

        var slug = NotSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length == 0 ? "my-rule" : slug;
        var hint = rule.ImplicitName
            ? $"rename the file to `{slug}.trigger`, or start it with `rule \"{slug}\"`"
            : $"use lower-case letters, digits and `-`, such as `{slug}`";
        var what = rule.ImplicitName ? "the file name" : "the rule name";
        report.Add(Descriptors.InvalidRuleName, Anchor(rule, report.Text), $"{what} `{name}` cannot be used as a rule's id", hint);
    }

    private void Duplicates(RuleSyntax rule)
    {
        foreach (var (type, name, keywordLength) in Singles)
        {
            var clauses = rule.Clauses.Where(c => c.GetType() == type).ToList();
            foreach (var extra in clauses.Skip(1))
            {
                var hint = type == typeof(AudienceClause)
                    ? $"a rule has one audience, first given on line {clauses[0].Span.Line}; join the conditions with `and` in that clause"
                    : $"a rule has one `{name}` clause, first given on line {clauses[0].Span.Line}; keep one of them";
                report.Add(Descriptors.DuplicateClause, Spans.Prefix(extra.Span, keywordLength), $"`{name}` is given twice in rule `{rule.Name.Value}`", hint);
            }
        }
    }

    private void Required(RuleSyntax rule)
    {
        if (clausesMayBeMissing)
        {
            return;
        }

        if (rule.Clause<WhenClause>() is null)
        {
            report.Add(Descriptors.MissingSignal, Anchor(rule, report.Text), $"rule `{rule.Name.Value}` has no `when` clause, so nothing starts it", "add a signal, such as `when viewed product`");
        }

        if (rule.Clause<SendClause>() is null)
        {
            report.Add(Descriptors.MissingAction, Anchor(rule, report.Text), $"rule `{rule.Name.Value}` sends nothing", "add a send, such as `send email template \"cart-reminder\"`");
        }
    }

    private void SendsPerChannel(RuleSyntax rule)
    {
        var first = new Dictionary<string, SendClause>(StringComparer.OrdinalIgnoreCase);
        foreach (var send in rule.ClausesOf<SendClause>())
        {
            if (first.TryGetValue(send.Channel.Text, out var earlier))
            {
                report.Add(
                    Descriptors.ConflictingActions,
                    send.Channel.Span,
                    $"rule `{rule.Name.Value}` already sends by `{send.Channel.Text}` on line {earlier.Span.Line}",
                    "a rule sends one message per channel; to try two messages, make them `variant`s");
            }
            else
            {
                first[send.Channel.Text] = send;
            }
        }
    }

    private RuleStatusKind? Status(RuleSyntax rule)
    {
        if (rule.Clause<StatusClause>() is not { } clause)
        {
            return RuleStatusKind.Draft;
        }

        var word = clause.Status.Text;
        switch (word.ToLowerInvariant())
        {
            case "draft": return RuleStatusKind.Draft;
            case "test": return RuleStatusKind.Test;
            case "always-on": return RuleStatusKind.AlwaysOn;
            case "paused": return RuleStatusKind.Paused;
        }

        report.Add(Descriptors.UnknownStatus, clause.Status.Span, $"unknown status `{word}`", Hints.Unknown(word, Statuses, $"statuses are {Hints.List(Statuses)}"));
        return null;
    }
}
