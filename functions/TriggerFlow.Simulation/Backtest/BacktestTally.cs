using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.State;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Simulation.Backtest;

/// <summary>Counts decisions as the simulator makes them; only counters and the ids of customers reached are kept.</summary>
internal sealed class BacktestTally
{
    private readonly Dictionary<string, RuleCounters> _rules = new(StringComparer.Ordinal);
    private readonly SortedDictionary<LocalDate, Dictionary<string, long>> _days = [];
    private readonly HashSet<string> _reached = new(StringComparer.Ordinal);

    public long LateEvents { get; private set; }

    public void Record(string customerId, Decision decision)
    {
        if (decision is LateEventIgnored)
        {
            LateEvents++;
            return;
        }

        var rule = Rule(decision.Rule);
        switch (decision)
        {
            case WindowOpened { Reason: OpenReason.Opened }:
                rule.Opened++;
                break;
            case WindowOpened:
                rule.Restarted++;
                break;
            case WindowClosed closed:
                rule.Closed[closed.Reason] = rule.Closed.GetValueOrDefault(closed.Reason) + 1;
                break;
            case SendDecision send:
                RecordSend(customerId, send, rule);
                break;
            case Suppressed suppressed:
                var variant = suppressed.Reason == SuppressionReason.ControlGroup ? SendRow.ControlArm : suppressed.Variant;
                rule.Row(variant, suppressed.Channel).Suppress(suppressed.Reason);
                break;
        }
    }

    public BacktestReport Report(PlanSet plans, InputSummary input, ReplayPeriod period, Instant end, IEnumerable<CustomerState> customers)
    {
        // Counted in one pass over a million states, without grouping (which would hold every window).
        var pending = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var customer in customers)
        {
            foreach (var window in customer.WindowsView)
            {
                pending[window.Rule] = pending.GetValueOrDefault(window.Rule) + 1;
            }

            foreach (var held in customer.HeldView)
            {
                pending[held.Message.Rule] = pending.GetValueOrDefault(held.Message.Rule) + 1;
            }
        }

        var rules = plans.Rules
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(plan => Rule(plan.Name).Report(plan, pending.GetValueOrDefault(plan.Name)))
            .ToList();
        var channels = _days.Values.SelectMany(d => d.Keys).Concat(plans.Rules.SelectMany(r => r.Actions.Select(a => a.Channel)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var days = _days.Select(d => new DayReport(d.Key, d.Value)).ToList();
        return new BacktestReport(input, period, end, rules, days, channels, _reached.Count, LateEvents, pending.Values.Sum());
    }

    private void RecordSend(string customerId, SendDecision send, RuleCounters rule)
    {
        rule.Row(send.Variant, send.Channel).Sends++;
        rule.Reached.Add(customerId);
        _reached.Add(customerId);
        var day = send.At.InUtc().Date;
        rule.Days[day] = rule.Days.GetValueOrDefault(day) + 1;
        if (!_days.TryGetValue(day, out var channels))
        {
            channels = new Dictionary<string, long>(StringComparer.Ordinal);
            _days[day] = channels;
        }

        channels[send.Channel] = channels.GetValueOrDefault(send.Channel) + 1;
    }

    private RuleCounters Rule(string name)
    {
        if (!_rules.TryGetValue(name, out var rule))
        {
            rule = new RuleCounters();
            _rules[name] = rule;
        }

        return rule;
    }

    private sealed class RuleCounters
    {
        private readonly Dictionary<(string?, string?), RowCounters> _rows = [];

        public long Opened { get; set; }

        public long Restarted { get; set; }

        public Dictionary<CloseReason, long> Closed { get; } = [];

        public HashSet<string> Reached { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<LocalDate, long> Days { get; } = [];

        public RowCounters Row(string? variant, string? channel)
        {
            if (!_rows.TryGetValue((variant, channel), out var row))
            {
                row = new RowCounters();
                _rows[(variant, channel)] = row;
            }

            return row;
        }

        public RuleReport Report(RulePlan plan, long pending)
        {
            var windows = new WindowCounts(
                Opened, Restarted, Closed.GetValueOrDefault(CloseReason.Cancelled), Closed.GetValueOrDefault(CloseReason.Expired),
                Closed.GetValueOrDefault(CloseReason.RulePaused), Closed.GetValueOrDefault(CloseReason.Satisfied), pending);
            var rows = _rows
                .OrderBy(r => r.Key.Item1 ?? "", StringComparer.Ordinal)
                .ThenBy(r => r.Key.Item2 ?? "", StringComparer.Ordinal)
                .Select(r => new SendRow(r.Key.Item1, r.Key.Item2, r.Value.Sends, r.Value.Suppressions))
                .ToList();
            return new RuleReport(plan.Name, Status(plan), windows, Reached.Count, rows, Days);
        }

        private static string Status(RulePlan plan) => plan.Status switch
        {
            Language.Syntax.RuleStatusKind.AlwaysOn => "always-on",
            var status => status.ToString().ToLowerInvariant(),
        };
    }

    private sealed class RowCounters
    {
        public long Sends { get; set; }

        public Dictionary<SuppressionReason, long> Suppressions { get; } = [];

        public void Suppress(SuppressionReason reason) => Suppressions[reason] = Suppressions.GetValueOrDefault(reason) + 1;
    }
}
