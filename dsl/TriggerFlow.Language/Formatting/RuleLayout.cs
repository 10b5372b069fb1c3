using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Formatting;

/// <summary>One printed line of a rule and the clauses written in the file that it stands for (whose comments it carries).</summary>
/// <param name="Separated">True when the line must end with a comma so the next clause is not read into it.</param>
internal sealed record RuleLine(ClauseSyntax Clause, IReadOnlyList<ClauseSyntax> Sources, bool Separated);

/// <summary>
/// A rule's clauses as <c>fmt</c> prints them: the canonical order of docs/language.md (stable within
/// a kind), the owner, status and priority defaults written out, and several audience clauses joined
/// into one, as the compiler reads them.
/// </summary>
internal static class RuleLayout
{
    public static IReadOnlyList<RuleLine> Lines(RuleSyntax rule)
    {
        var written = rule.Clauses.Select(c => new RuleLine(c, [c], false));
        var lines = JoinAudiences([.. Defaults(rule).Concat(written).OrderBy(l => Rank(l.Clause))]);
        return [.. lines.Select((line, i) => i + 1 < lines.Count && NeedsSeparator(line.Clause, lines[i + 1].Clause) ? line with { Separated = true } : line)];
    }

    private static IEnumerable<RuleLine> Defaults(RuleSyntax rule)
    {
        if (rule.Clause<OwnerClause>() is null)
        {
            yield return Default(new OwnerClause(new StringValue(RuleDefaults.Owner, SourceSpan.None), SourceSpan.None));
        }

        if (rule.Clause<StatusClause>() is null)
        {
            yield return Default(new StatusClause(new Identifier(ClausePrinter.StatusWord(RuleDefaults.Status), SourceSpan.None), SourceSpan.None));
        }

        if (rule.Clause<PriorityClause>() is null)
        {
            yield return Default(new PriorityClause(new NumberValue(RuleDefaults.Priority, SourceSpan.None), SourceSpan.None));
        }
    }

    private static RuleLine Default(ClauseSyntax clause) => new(clause, [], false);

    /// <summary>
    /// Audience clauses print next to each other, and a second one would be read as part of the first;
    /// joining them with <c>and</c> is what the compiler makes of them anyway, and keeps <c>fmt</c> idempotent.
    /// </summary>
    private static List<RuleLine> JoinAudiences(List<RuleLine> lines)
    {
        var audiences = lines.Where(l => l.Clause is AudienceClause).ToList();
        if (audiences.Count < 2)
        {
            return lines;
        }

        var condition = audiences.Select(a => ((AudienceClause)a.Clause).Condition).Aggregate((left, right) => new AndCondition(left, right, SourceSpan.None));
        var joined = new RuleLine(new AudienceClause(condition, SourceSpan.None), [.. audiences.SelectMany(a => a.Sources)], false);
        var first = lines.FindIndex(l => l.Clause is AudienceClause);
        lines.RemoveAll(l => l.Clause is AudienceClause);
        lines.Insert(first, joined);
        return lines;
    }

    /// <summary>
    /// An event filter takes every <c>and</c> that follows it, so an audience that starts with a bare
    /// property after a clause ending in <c>where …</c> would be read as more of the filter; a comma ends the filter.
    /// </summary>
    private static bool NeedsSeparator(ClauseSyntax clause, ClauseSyntax next) =>
        next is AudienceClause audience
        && EndsWithFilter(clause)
        && ConditionPrinter.Leftmost(audience.Condition) is ComparisonCondition { Path.Scope: PropertyScope.Event }
            or InCondition { Path.Scope: PropertyScope.Event }
            or IsSetCondition { Path.Scope: PropertyScope.Event };

    private static bool EndsWithFilter(ClauseSyntax clause) => clause switch
    {
        WhenClause { Signal: EventSignal signal } => signal.Event.Where is not null,
        WhenClause { Signal: RecencySignal signal } => signal.Event.Where is not null,
        TenureClause tenure => tenure.Event.Where is not null,
        _ => false,
    };

    private static int Rank(ClauseSyntax clause) => clause switch
    {
        OwnerClause => 0,
        StatusClause => 1,
        PriorityClause => 2,
        ActiveClause => 3,
        WhenClause => 4,
        ThenClause => 5,
        WithoutClause => 6,
        TenureClause => 7,
        WaitClause => 8,
        AudienceClause => 9,
        SendClause => 10,
        CapClause => 11,
        QuietHoursClause => 12,
        ControlClause => 13,
        VariantClause => 14,
        GoalClause => 15,
        _ => 16,
    };
}
