using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.State;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Simulation.Backtest;

/// <summary>
/// Counts decisions as the simulator makes them; only counters and the ids of the customers reached
/// are kept, and those ids only until <see cref="EndGroup"/>. A backtest replays its customers in
/// groups that share no customer (buckets, each on one thread with its own tally): a group's
/// distinct customers are counted when it ends, and the tallies are added up at the end.
/// </summary>
internal sealed class BacktestTally
{
    private static readonly Instant Epoch = Instant.FromUnixTimeTicks(0);
    private readonly Dictionary<string, RuleCounters> _rules = new(StringComparer.Ordinal);

    // Sends per UTC day (days since the Unix epoch) and channel; dated and sorted only for the report.
    private readonly Dictionary<int, Dictionary<string, long>> _days = [];
    private readonly HashSet<string> _reached = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _pending = new(StringComparer.Ordinal);
    private long _reachedBefore;
    private string? _lastName;
    private RuleCounters? _last;

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
                rule.Closed[(int)closed.Reason]++;
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

    /// <summary>
    /// Ends a group of customers: counts the windows and held messages its customers still have
    /// open, and the distinct customers reached, then forgets their ids.
    /// </summary>
    public void EndGroup(IEnumerable<CustomerState> customers)
    {
        // Counted in one pass, without grouping (which would hold every window).
        foreach (var customer in customers)
        {
            foreach (var window in customer.WindowsView)
            {
                _pending[window.Rule] = _pending.GetValueOrDefault(window.Rule) + 1;
            }

            foreach (var held in customer.HeldView)
            {
                _pending[held.Message.Rule] = _pending.GetValueOrDefault(held.Message.Rule) + 1;
            }
        }

        _reachedBefore += _reached.Count;
        _reached.Clear();
        foreach (var rule in _rules.Values)
        {
            rule.EndGroup();
        }
    }

    /// <summary>Adds another tally's counts to this one; both must have ended their groups.</summary>
    public void Add(BacktestTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (_reached.Count > 0 || other._reached.Count > 0)
        {
            throw new InvalidOperationException("a tally is added only after its groups have ended");
        }

        LateEvents += other.LateEvents;
        _reachedBefore += other._reachedBefore;
        Sum(_pending, other._pending);
        foreach (var (day, channels) in other._days)
        {
            if (!_days.TryGetValue(day, out var mine))
            {
                mine = new Dictionary<string, long>(StringComparer.Ordinal);
                _days[day] = mine;
            }

            Sum(mine, channels);
        }

        foreach (var (name, rule) in other._rules)
        {
            Rule(name).Add(rule);
        }
    }

    public BacktestReport Report(PlanSet plans, InputSummary input, ReplayPeriod period, Instant end)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var rules = plans.Rules
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(plan => Rule(plan.Name).Report(plan, _pending.GetValueOrDefault(plan.Name)))
            .ToList();
        var channels = _days.Values.SelectMany(d => d.Keys).Concat(plans.Rules.SelectMany(r => r.Actions.Select(a => a.Channel)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var days = _days.OrderBy(d => d.Key).Select(d => new DayReport(DateOf(d.Key), d.Value)).ToList();
        return new BacktestReport(input, period, end, rules, days, channels, _reachedBefore + _reached.Count, LateEvents, _pending.Values.Sum());
    }

    private static int DayOf(Instant at) => (at - Epoch).Days;

    private static LocalDate DateOf(int day) => (Epoch + Duration.FromDays(day)).InUtc().Date;

    private static void Sum<TKey>(IDictionary<TKey, long> into, IEnumerable<KeyValuePair<TKey, long>> from)
    {
        foreach (var (key, count) in from)
        {
            into[key] = into.TryGetValue(key, out var known) ? known + count : count;
        }
    }

    private void RecordSend(string customerId, SendDecision send, RuleCounters rule)
    {
        rule.Row(send.Variant, send.Channel).Sends++;
        rule.Reached.Add(customerId);
        _reached.Add(customerId);
        var day = DayOf(send.At);
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
        // A rule's decisions come in runs (opened, closed, sent): the last one found is tried first.
        if (ReferenceEquals(name, _lastName))
        {
            return _last!;
        }

        if (!_rules.TryGetValue(name, out var rule))
        {
            rule = new RuleCounters();
            _rules[name] = rule;
        }

        (_lastName, _last) = (name, rule);
        return rule;
    }

    private sealed class RuleCounters
    {
        private readonly List<RowCounters> _rows = [];
        private long _reachedBefore;

        public long Opened { get; set; }

        public long Restarted { get; set; }

        public long[] Closed { get; } = new long[Enum.GetValues<CloseReason>().Length];

        public HashSet<string> Reached { get; } = new(StringComparer.Ordinal);

        public Dictionary<int, long> Days { get; } = [];

        /// <summary>A rule has a handful of (variant, channel) rows: a scan finds one faster than a hash of two strings.</summary>
        public RowCounters Row(string? variant, string? channel)
        {
            foreach (var row in _rows)
            {
                if (string.Equals(row.Variant, variant, StringComparison.Ordinal) && string.Equals(row.Channel, channel, StringComparison.Ordinal))
                {
                    return row;
                }
            }

            var added = new RowCounters(variant, channel);
            _rows.Add(added);
            return added;
        }

        public void EndGroup()
        {
            _reachedBefore += Reached.Count;
            Reached.Clear();
        }

        public void Add(RuleCounters other)
        {
            Opened += other.Opened;
            Restarted += other.Restarted;
            _reachedBefore += other._reachedBefore;
            for (var i = 0; i < Closed.Length; i++)
            {
                Closed[i] += other.Closed[i];
            }

            Sum(Days, other.Days);
            foreach (var row in other._rows)
            {
                var mine = Row(row.Variant, row.Channel);
                mine.Sends += row.Sends;
                for (var i = 0; i < mine.Suppressions.Length; i++)
                {
                    mine.Suppressions[i] += row.Suppressions[i];
                }
            }
        }

        public RuleReport Report(RulePlan plan, long pending)
        {
            var windows = new WindowCounts(
                Opened, Restarted, Closed[(int)CloseReason.Cancelled], Closed[(int)CloseReason.Expired],
                Closed[(int)CloseReason.RulePaused], Closed[(int)CloseReason.Satisfied], pending);
            var rows = _rows
                .OrderBy(r => r.Variant ?? "", StringComparer.Ordinal)
                .ThenBy(r => r.Channel ?? "", StringComparer.Ordinal)
                .Select(r => new SendRow(r.Variant, r.Channel, r.Sends, r.Counted()))
                .ToList();
            var days = new SortedDictionary<LocalDate, long>(Days.ToDictionary(d => DateOf(d.Key), d => d.Value));
            return new RuleReport(plan.Name, Status(plan), windows, _reachedBefore + Reached.Count, rows, days);
        }

        private static string Status(RulePlan plan) => plan.Status switch
        {
            Language.Syntax.RuleStatusKind.AlwaysOn => "always-on",
            var status => status.ToString().ToLowerInvariant(),
        };
    }

    private sealed class RowCounters(string? variant, string? channel)
    {
        public string? Variant { get; } = variant;

        public string? Channel { get; } = channel;

        public long Sends { get; set; }

        public long[] Suppressions { get; } = new long[Enum.GetValues<SuppressionReason>().Length];

        public void Suppress(SuppressionReason reason) => Suppressions[(int)reason]++;

        /// <summary>The reasons that suppressed something, with their counts.</summary>
        public Dictionary<SuppressionReason, long> Counted()
        {
            var counted = new Dictionary<SuppressionReason, long>();
            foreach (var reason in Enum.GetValues<SuppressionReason>())
            {
                if (Suppressions[(int)reason] > 0)
                {
                    counted[reason] = Suppressions[(int)reason];
                }
            }

            return counted;
        }
    }
}
