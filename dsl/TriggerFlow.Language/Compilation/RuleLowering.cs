using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Compilation;

/// <summary>
/// Turns one checked rule into its plan, filling in <see cref="RuleDefaults"/>. Order that carries
/// no meaning (sends, caps, parameters) is made canonical here so it cannot change a version.
/// </summary>
internal sealed class RuleLowering(EventCatalog catalog, ConditionLowering conditions)
{
    /// <summary>The rule's plan with an empty version; <see cref="PlanHashing"/> fills it in.</summary>
    public RulePlan Lower(RuleSyntax rule, string path)
    {
        var name = rule.Name.Value;
        var (signal, signalEvent) = Signal(rule);
        var active = rule.Clause<ActiveClause>();
        return new RulePlan(
            Name: name,
            Version: "",
            Owner: rule.Clause<OwnerClause>()?.Owner.Value ?? RuleDefaults.Owner,
            Status: Status(rule.Clause<StatusClause>()),
            Priority: (int)(rule.Clause<PriorityClause>()?.Priority.Value ?? RuleDefaults.Priority),
            ActiveFrom: active?.From?.Value,
            ActiveUntil: active?.Until?.Value,
            Signal: signal,
            Sequence: [.. rule.ClausesOf<ThenClause>().Select(t => new SequenceStepPlan(Match(t.Event), t.Within.TotalSeconds))],
            Absences: [.. rule.ClausesOf<WithoutClause>().Select(w => new AbsencePlan(Match(w.Event), w.Within.TotalSeconds, w.Anchor))],
            WaitSeconds: rule.Clause<WaitClause>()?.Delay.TotalSeconds,
            Tenure: rule.Clause<TenureClause>() is { } tenure ? new TenurePlan(tenure.Within.TotalSeconds, Match(tenure.Event)) : null,
            Audience: Audience(name, rule, signalEvent),
            Actions: [.. rule.ClausesOf<SendClause>().Select(s => Action(name, s)).OrderBy(a => a.Channel, StringComparer.Ordinal)],
            Caps: Caps(rule),
            QuietHours: QuietHours(rule.Clause<QuietHoursClause>()),
            ControlPercent: rule.Clause<ControlClause>() is { } control ? Literals.Normalize(control.Share.Value) : null,
            Variants: [.. rule.ClausesOf<VariantClause>().Select(Variant)],
            Goal: rule.Clause<GoalClause>() is { } goal ? new GoalPlan(Match(goal.Event), goal.Within.TotalSeconds) : null,
            MinimumSample: rule.Clause<MinimumSampleClause>() is { } sample ? (int)sample.Count.Value : null,
            Source: new SourcePlan(path, rule.Span.Line));
    }

    /// <summary>The plan of a time range, shared with the governance's default quiet hours.</summary>
    public static TimeRangePlan Range(TimeRangeSyntax range) => new(range.Start.Value, range.End.Value);

    private static RuleStatusKind Status(StatusClause? clause)
    {
        if (clause is null)
        {
            return RuleDefaults.Status;
        }

        return RuleDefaults.StatusWords.TryGetValue(clause.Status.Text, out var status)
            ? status
            : throw new CompilationError(clause.Status.Span, $"`{clause.Status.Text}` is not a status");
    }

    private (SignalPlan Plan, EventDefinition Event) Signal(RuleSyntax rule)
    {
        var when = rule.Clause<WhenClause>() ?? throw new CompilationError(rule.Span, $"rule `{rule.Name.Value}` has no `when`");
        return when.Signal switch
        {
            EventSignal e => (new SignalPlan(SignalKind.Event, Match(e.Event), null), Definition(e.Event)),
            RecencySignal r => (new SignalPlan(SignalKind.Recency, Match(r.Event), r.After.TotalSeconds), Definition(r.Event)),
            _ => throw new CompilationError(when.Span, "unsupported signal"),
        };
    }

    private EventDefinition Definition(EventReference reference) =>
        catalog.Events.TryGetValue(reference.Name.Text, out var definition)
            ? definition
            : throw new CompilationError(reference.Name.Span, $"event `{reference.Name.Text}` is not in the catalog");

    private EventMatchPlan Match(EventReference reference)
    {
        var definition = Definition(reference);
        var of = reference.Of is { } value ? ConditionLowering.Of(value, definition) : null;
        var where = reference.Where is { } filter ? conditions.Filter(filter, definition) : null;
        return new EventMatchPlan(definition.Name, ConditionLowering.Both(of, where));
    }

    private AudiencePlan? Audience(string ruleName, RuleSyntax rule, EventDefinition signal)
    {
        // Two `and` clauses (split by another clause) mean both must hold, like one joined by `and`.
        var condition = rule.ClausesOf<AudienceClause>()
            .Select(a => conditions.Audience(a.Condition, signal))
            .Aggregate((ConditionPlan?)null, ConditionLowering.Both);
        return condition is null ? null : new AudiencePlan(condition, RulesEngineEmitter.Emit(ruleName, condition, rule.Span));
    }

    private static ActionPlan Action(string ruleName, SendClause send) =>
        new(send.Channel.Text, send.Template?.Value ?? RuleDefaults.Template(ruleName), Parameters(send.Parameters));

    private static IReadOnlyList<ParameterPlan> Parameters(IEnumerable<ParameterSyntax> parameters) =>
        [.. parameters.Select(p => new ParameterPlan(p.Name.Text, Literals.From(p.Value))).OrderBy(p => p.Name, StringComparer.Ordinal)];

    private static IReadOnlyList<CapPlan> Caps(RuleSyntax rule) =>
        [.. rule.ClausesOf<CapClause>()
            .Select(Cap)
            .OrderBy(c => c.Per)
            .ThenBy(c => c.WindowSeconds)
            .ThenBy(c => c.Property, StringComparer.Ordinal)
            .ThenBy(c => c.Count)];

    private static CapPlan Cap(CapClause cap) => cap.Scope switch
    {
        DurationCapScope d => new CapPlan((int)cap.Count.Value, CapScopeKind.Window, d.Window.TotalSeconds, null),
        PropertyCapScope p => new CapPlan((int)cap.Count.Value, CapScopeKind.Property, null, p.Property.Text),
        _ => new CapPlan((int)cap.Count.Value, CapScopeKind.Ever, null, null),
    };

    private static QuietHoursPlan QuietHours(QuietHoursClause? clause) =>
        clause is null
            ? new QuietHoursPlan(RuleDefaults.QuietHours, null)
            : new QuietHoursPlan(clause.Policy, clause.Hours is { } hours ? Range(hours) : null);

    private static VariantPlan Variant(VariantClause variant) => new(
        variant.Name.Value,
        Literals.Normalize(variant.Weight.Value),
        variant.Channel?.Text,
        variant.Template?.Value,
        variant.Wait?.TotalSeconds,
        Parameters(variant.Parameters));
}
