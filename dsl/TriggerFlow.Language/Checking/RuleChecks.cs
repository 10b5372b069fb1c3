using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Checking;

/// <summary>Everything checked on one rule, in the order a reader meets it.</summary>
internal sealed class RuleChecks(CheckContext context, Reporter report)
{
    public void Check(RuleSyntax rule)
    {
        var status = new RuleShapeChecks(report, context.FilesWithReadErrors.Contains(report.Path)).Check(rule);
        var names = new NameResolver(context, report);
        var signal = Events(rule, names);
        foreach (var audience in rule.ClausesOf<AudienceClause>())
        {
            new TypeChecker(report, path => names.AudiencePath(path, signal), names.Segment).Check(audience.Condition);
        }

        new SendChecks(context.Catalog, report).Check(rule);
        new WindowChecks(report).Check(rule);
        new ExperimentChecks(report).Check(rule, status);
        new RuleCapChecks(context, report, names).Check(rule, signal);
    }

    /// <summary>Resolves every event the rule names and returns its signal's, the one <c>event.x</c> refers to.</summary>
    private static EventDefinition? Events(RuleSyntax rule, NameResolver names)
    {
        EventDefinition? signal = null;
        var first = rule.Clause<WhenClause>();
        foreach (var clause in rule.Clauses)
        {
            var reference = clause switch
            {
                WhenClause { Signal: EventSignal s } => s.Event,
                WhenClause { Signal: RecencySignal r } => r.Event,
                ThenClause then => then.Event,
                WithoutClause without => without.Event,
                TenureClause tenure => tenure.Event,
                GoalClause goal => goal.Event,
                _ => null,
            };
            var definition = reference is null ? null : names.Event(reference);
            if (ReferenceEquals(clause, first))
            {
                signal = definition;
            }
        }

        return signal;
    }
}
