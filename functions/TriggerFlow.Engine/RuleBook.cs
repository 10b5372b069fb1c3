using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.Windows;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Engine;

/// <summary>
/// The deployed rules: the active plan set, and every earlier version still needed by windows
/// that opened under it. Indexes rules by the events they mention, so an event that touches no
/// rule is dismissed with one dictionary look-up.
/// </summary>
public sealed class RuleBook
{
    private readonly Dictionary<string, RulePlan> _active;
    private readonly Dictionary<(string Name, string Version), RulePlan> _versions = [];
    private readonly Dictionary<string, SignalIndex> _bySignal;
    private readonly HashSet<string> _mentioned;
    private readonly HashSet<string> _awaited;
    private readonly Dictionary<RulePlan, IReadOnlyDictionary<string, object?>[][]> _parameters = new(ReferenceEqualityComparer.Instance);

    /// <param name="active">The rules in force.</param>
    /// <param name="earlier">Earlier versions, so windows they opened finish under them.</param>
    public RuleBook(PlanSet active, IEnumerable<RulePlan>? earlier = null)
    {
        ArgumentNullException.ThrowIfNull(active);
        Plans = active;
        _active = active.Rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var plan in (earlier ?? []).Concat(active.Rules))
        {
            _versions[(plan.Name, plan.Version)] = plan;
            _parameters[plan] = [.. plan.Actions.Select(action => Parameters(action, plan.Variants))];
        }

        _bySignal = active.Rules
            .GroupBy(r => r.Signal.Event.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new SignalIndex([.. g.OrderByDescending(r => r.Priority).ThenBy(r => r.Name, StringComparer.Ordinal)]), StringComparer.Ordinal);
        _mentioned = new HashSet<string>(active.Rules.SelectMany(MentionedEvents), StringComparer.Ordinal);
        WithTenure = [.. active.Rules.Where(r => r.Tenure is not null)];
        _awaited = new HashSet<string>(
            active.Rules.SelectMany(r => r.Sequence.Select(s => s.Event.Name).Concat(r.Absences.Select(a => a.Event.Name))),
            StringComparer.Ordinal);
        LongestCapSeconds = active.Rules.SelectMany(r => r.Caps).Select(c => c.WindowSeconds ?? 0)
            .Concat(active.Governance.ChannelCaps.SelectMany(c => c.Caps).Select(c => c.WindowSeconds))
            .DefaultIfEmpty(0)
            .Max();
    }

    public PlanSet Plans { get; }

    public GovernancePlan Governance => Plans.Governance;

    /// <summary>The longest sliding window any cap counts over: older sends can be forgotten.</summary>
    public long LongestCapSeconds { get; }

    /// <summary>The active rules <paramref name="eventName"/> signals, indexed by their filters; null when it signals none.</summary>
    internal SignalIndex? SignalIndexOf(string eventName) => _bySignal.GetValueOrDefault(eventName);

    /// <summary>True when some active rule mentions the event anywhere (signal, step, absence, tenure).</summary>
    public bool Mentions(string eventName) => _mentioned.Contains(eventName);

    /// <summary>True when some active rule waits for the event as a sequence step or an absence.</summary>
    public bool Awaits(string eventName) => _awaited.Contains(eventName);

    public RulePlan? Active(string name) => _active.GetValueOrDefault(name);

    public RulePlan? Version(string name, string version) => _versions.GetValueOrDefault((name, version));

    /// <summary>The rules with a tenure clause.</summary>
    public IReadOnlyList<RulePlan> WithTenure { get; }

    /// <summary>
    /// The template parameters of a plan's action (its <c>with</c> values, then the variant's, which
    /// win): literals, so worked out once per plan and shared, read-only, by every message.
    /// </summary>
    public IReadOnlyDictionary<string, object?> ParametersOf(RulePlan plan, int action, VariantPlan? variant)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var arm = variant is null ? 0 : IndexOf(plan.Variants, variant) + 1;
        return _parameters.TryGetValue(plan, out var actions) && arm >= 0
            ? actions[action][arm]
            : PropertyMap.From(plan.Actions[action].Parameters.Concat(variant?.Parameters ?? []).Select(p => KeyValuePair.Create(p.Name, LiteralValue(p.Value))));
    }

    /// <summary>Whether a rule in this status opens windows live (drafts only when the host asks, e.g. a backtest).</summary>
    public static bool Runs(RulePlan plan, bool includeDrafts) => plan.Status switch
    {
        RuleStatusKind.Test or RuleStatusKind.AlwaysOn => true,
        RuleStatusKind.Draft => includeDrafts,
        _ => false,
    };

    /// <summary>One map per arm: index 0 without a variant, then one per variant in order.</summary>
    private static IReadOnlyDictionary<string, object?>[] Parameters(ActionPlan action, IReadOnlyList<VariantPlan> variants) =>
        [.. new VariantPlan?[] { null }.Concat(variants).Select(variant =>
            PropertyMap.From(action.Parameters.Concat(variant?.Parameters ?? []).Select(p => KeyValuePair.Create(p.Name, LiteralValue(p.Value)))))];

    private static int IndexOf(IReadOnlyList<VariantPlan> variants, VariantPlan variant)
    {
        for (var i = 0; i < variants.Count; i++)
        {
            if (ReferenceEquals(variants[i], variant))
            {
                return i;
            }
        }

        return -1;
    }

    private static object? LiteralValue(Literal literal) => literal switch
    {
        StringLiteral s => s.Value,
        NumberLiteral n => n.Value,
        BooleanLiteral b => b.Value,
        PercentLiteral p => p.Value,
        DateLiteral d => LocalDate.FromDateOnly(d.Value),
        TimeLiteral t => NodaTime.LocalTime.FromTimeOnly(t.Value),
        ListLiteral l => l.Items.Select(LiteralValue).ToArray(),
        _ => null,
    };

    private static IEnumerable<string> MentionedEvents(RulePlan plan) =>
        new[] { plan.Signal.Event.Name }
            .Concat(plan.Sequence.Select(s => s.Event.Name))
            .Concat(plan.Absences.Select(a => a.Event.Name))
            .Concat(plan.Tenure is { } t ? [t.Event.Name] : []);
}
