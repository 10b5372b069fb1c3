using TriggerFlow.Engine;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Simulation.Backtest;
using TriggerFlow.Simulation.Input;

namespace TriggerFlow.Simulation.Explain;

/// <summary>How to explain one customer.</summary>
public sealed class ExplainSettings
{
    public required string CustomerId { get; init; }

    /// <summary>Only this rule's decisions, and the events it mentions; null for all rules.</summary>
    public string? Rule { get; init; }

    /// <summary>Report malformed lines and go on; otherwise the first one stops the run. Default false.</summary>
    public bool SkipBad { get; init; }

    /// <summary>The engine's options; drafts run, as in a backtest.</summary>
    public EngineOptions Engine { get; init; } = new() { IncludeDraftRules = true };

    public Action<BadLine>? OnBadLine { get; init; }
}

/// <summary>A finished explanation: the timeline, or the malformed line that stopped it.</summary>
public sealed record ExplainOutcome(Timeline? Timeline, BadLine? StoppedAt);

/// <summary>
/// Replays one customer's inputs through the simulator and writes down each step with its reason.
/// The file is read twice, streaming: first for the anonymous ids merged into the customer, then
/// for that customer's inputs alone, so only this customer's state is ever in memory.
/// </summary>
public static class Explainer
{
    /// <param name="open">Opens the events file for one pass; called twice.</param>
    public static ExplainOutcome Run(Func<EventFile> open, PlanSet plans, ExplainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(settings);
        HashSet<string> ids;
        using (var first = open())
        {
            ids = LinkedIds(first, settings.CustomerId);
        }

        using var file = open();
        var run = new TimelineBuilder(plans, settings);
        foreach (var record in file.Records(r => r is BadLine || Concerns(r, ids)))
        {
            if (record is BadLine bad)
            {
                if (!settings.SkipBad)
                {
                    return new ExplainOutcome(null, bad);
                }

                settings.OnBadLine?.Invoke(bad);
                continue;
            }

            run.Apply(record);
        }

        return new ExplainOutcome(run.Finish(file.Name, ids), null);
    }

    /// <summary>
    /// The customer's id and every id an identify or alias links to it: anonymous ids merged into
    /// it, or, when it is itself anonymous, the customer it was merged into.
    /// </summary>
    private static HashSet<string> LinkedIds(EventFile file, string customerId)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal) { customerId };
        foreach (var link in file.ScanIdentities())
        {
            if (ids.Contains(link.CustomerId) || ids.Contains(link.AnonymousId))
            {
                ids.Add(link.CustomerId);
                ids.Add(link.AnonymousId);
            }
        }

        return ids;
    }

    private static bool Concerns(SourceRecord record, HashSet<string> ids) => record switch
    {
        CustomerRecord c => ids.Contains(c.CustomerId),
        IdentityRecord i => ids.Contains(i.CustomerId) || ids.Contains(i.AnonymousId),
        _ => false,
    };

    /// <summary>Drives the simulator and turns each input and decision into a timeline entry.</summary>
    private sealed class TimelineBuilder
    {
        private readonly PlanSet _plans;
        private readonly ExplainSettings _settings;
        private readonly DecisionEngine _engine;
        private readonly Simulator _simulator;
        private readonly Replay _replay;
        private readonly DecisionText _text;
        private readonly List<TimelineEntry> _entries = [];
        private readonly Dictionary<string, (string Name, long Line)> _events = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Decision> _last = new(StringComparer.Ordinal);
        private readonly HashSet<string> _decidedByInput = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _sent = new(StringComparer.Ordinal);
        private int _depth;
        private bool _found;

        public TimelineBuilder(PlanSet plans, ExplainSettings settings)
        {
            _plans = plans;
            _settings = settings;
            _engine = new DecisionEngine(new RuleBook(plans), settings.Engine);
            _simulator = new Simulator(_engine, (_, decision) => Record(decision));
            _replay = new Replay(_simulator, ReplayPeriod.All);
            _text = new DecisionText(plans);
        }

        public void Apply(SourceRecord record)
        {
            _found = true;
            var arrival = Input.ArrivalOrder.ArrivalOf(record);

            // Wake-ups due before this input are decided first, so they appear before it.
            _simulator.AdvanceTo(arrival);
            var duplicate = AddInput(record);
            _depth = 1;
            _decidedByInput.Clear();
            _replay.Apply(record);
            if (!duplicate && record is CustomerRecord { Input: EventInput e } && _settings.Rule is { } rule)
            {
                HintUnopened(e, rule);
            }

            _depth = 0;
        }

        public Timeline Finish(string file, HashSet<string> ids)
        {
            _replay.Finish(_engine);
            var linked = ids.Where(id => id != _settings.CustomerId).Order(StringComparer.Ordinal).ToList();
            return new Timeline(_settings.CustomerId, _settings.Rule, file, linked, _entries, Outcomes(), _found);
        }

        /// <summary>Adds the input's own entry; true when it repeats a message id already seen (the engine ignores it).</summary>
        private bool AddInput(SourceRecord record)
        {
            switch (record)
            {
                case IdentityRecord identity:
                    Add(identity.At, "identity", $"{identity.AnonymousId} merged into {identity.CustomerId}", 0, identity.Line);
                    return false;
                case CustomerRecord { Input: EventInput e } customer:
                    var duplicate = !_events.TryAdd(e.MessageId, (e.Name, customer.Line));
                    if (Shows(e))
                    {
                        var who = customer.CustomerId == _settings.CustomerId ? "" : $" [as {customer.CustomerId}]";
                        Add(e.EventTime, "event", DecisionText.Input(e) + who + (duplicate ? ": a repeated message id, ignored" : ""), 0, customer.Line);
                    }

                    return duplicate;
                case CustomerRecord { Input: ProfileInput p } customer:
                    Add(p.ArrivalTime, "profile", DecisionText.Input(p), 0, customer.Line);
                    return false;
                default:
                    return false;
            }
        }

        private void Record(Decision decision)
        {
            if (_settings.Rule is { } rule && decision.Rule != rule && decision is not LateEventIgnored)
            {
                return;
            }

            _decidedByInput.Add(decision.Rule);
            if (decision.Rule.Length > 0)
            {
                _last[decision.Rule] = decision;
            }

            if (decision is SendDecision)
            {
                _sent[decision.Rule] = _sent.GetValueOrDefault(decision.Rule) + 1;
            }

            var (kind, text) = _text.Describe(decision, _events);
            Add(decision.At, kind, text, _depth, null);
        }

        /// <summary>With --rule: a signal of the rule that changed nothing says so, since "why didn't it open" is the usual question.</summary>
        private void HintUnopened(EventInput e, string rule)
        {
            if (_plans.Rules.FirstOrDefault(r => r.Name == rule) is { } plan && plan.Signal.Event.Name == e.Name && !_decidedByInput.Contains(rule))
            {
                Add(e.EventTime, "no window", $"{rule}: this {e.Name} opened or restarted nothing (its where-filter did not match, it is older than the window's signal, or the window counts from its first signal)", 1, null);
            }
        }

        private bool Shows(EventInput e) =>
            _settings.Rule is not { } rule || _plans.Rules.FirstOrDefault(r => r.Name == rule) is not { } plan || Mentions(plan, e.Name);

        private static bool Mentions(RulePlan plan, string eventName) =>
            plan.Signal.Event.Name == eventName
            || plan.Sequence.Any(s => s.Event.Name == eventName)
            || plan.Absences.Any(a => a.Event.Name == eventName)
            || plan.Tenure?.Event.Name == eventName;

        private List<string> Outcomes()
        {
            var rules = _settings.Rule is { } one ? [one] : _last.Keys.Order(StringComparer.Ordinal).ToList();
            var outcomes = rules.Select(Outcome).ToList();
            return outcomes.Count > 0 ? outcomes : ["no rule opened a window for this customer"];
        }

        private string Outcome(string rule)
        {
            if (_sent.TryGetValue(rule, out var sent))
            {
                return $"{rule}: {sent} sent";
            }

            return _last.TryGetValue(rule, out var last)
                ? $"{rule}: nothing sent; last: {_text.Describe(last, _events).Text}"
                : $"{rule}: nothing sent; no window opened";
        }

        private void Add(NodaTime.Instant at, string kind, string text, int depth, long? line) =>
            _entries.Add(new TimelineEntry(at, kind, text, depth, line));
    }
}
