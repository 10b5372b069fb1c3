using NodaTime;
using TriggerFlow.Engine.Conditions;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Delivery;
using TriggerFlow.Engine.Experiments;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.State;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Engine;

/// <summary>One application of one input to one customer: the engine's semantics, in order.</summary>
/// <remarks>
/// One step object can serve many inputs, one after another (<see cref="Run(CustomerState, EngineInput, List{Decision})"/>):
/// a simulator deciding millions of inputs on one thread keeps one, rather than allocating one per input.
/// </remarks>
internal sealed class EngineStep(DecisionEngine engine)
{
    private static readonly IReadOnlyDictionary<string, object?> NoProperties = new Dictionary<string, object?>();
    private readonly RuleBook _book = engine.Book;
    private readonly EngineOptions _options = engine.Options;
    private List<Decision>? _decisions;
    private CustomerState state = null!;

    public IReadOnlyList<Decision> Decisions => (IReadOnlyList<Decision>?)_decisions ?? [];

    /// <summary>
    /// How far event time is settled: events older than this can no longer arrive (they would be late).
    /// Computed once per input: the clock only moves at the start of <see cref="Run(EngineInput)"/>.
    /// </summary>
    private Instant Watermark { get; set; }

    /// <summary>Applies <paramref name="input"/> to <paramref name="customer"/>, adding the decisions to <paramref name="decisions"/>.</summary>
    public void Run(CustomerState customer, EngineInput input, List<Decision>? decisions)
    {
        state = customer;
        _decisions = decisions;
        try
        {
            Run(input);
        }
        finally
        {
            state = null!;
        }
    }

    private void Run(EngineInput input)
    {
        if (input.ArrivalTime > state.Clock)
        {
            state.Clock = input.ArrivalTime;
        }

        Watermark = state.Clock - _options.AllowedLateness;

        switch (input)
        {
            case EventInput e:
                ApplyEvent(e);
                break;
            case ProfileInput p:
                ApplyProfile(p);
                break;
        }

        ProcessDue(Watermark);
        Prune();
    }

    private void Emit(Decision decision) => (_decisions ??= []).Add(decision);

    private void ApplyEvent(EventInput e)
    {
        // Every message id is remembered, late or not and whether or not a rule mentions the event:
        // a retry changes nothing and decides nothing, so a late event is reported (and counted) once.
        if (!state.Seen.TryAdd(e.MessageId, e.EventTime))
        {
            return;
        }

        if (e.EventTime < Watermark)
        {
            state.LateEvents++;
            Emit(new LateEventIgnored(e.EventTime, e.MessageId, e.Name, state.Clock - e.EventTime));
            return;
        }

        if (!_book.Mentions(e.Name) && state.WindowsView.Count == 0)
        {
            return;
        }

        // The customer's own event time settles windows too: a window whose deadline this event
        // has reached is decided first, so the event cannot cancel or restart it (windows are half-open).
        ProcessDue(Instant.Max(Watermark, e.EventTime));
        TrackTenure(e);
        AdvanceWindows(e);
        OpenWindows(e);
        if (_book.Awaits(e.Name))
        {
            state.Recent.Add(new RecentEvent(e.MessageId, e.Name, e.Properties, e.EventTime));
        }
    }

    private void ApplyProfile(ProfileInput p)
    {
        if (p.MessageId is { } id && !state.Seen.TryAdd(id, p.ArrivalTime))
        {
            return;
        }

        foreach (var (trait, value) in p.Traits)
        {
            if (value is null)
            {
                state.Profile.Remove(trait);
            }
            else
            {
                state.Profile[trait] = value;
            }
        }

        foreach (var (channel, granted) in p.Consent)
        {
            state.Consent[channel] = granted;
        }
    }

    private void TrackTenure(EventInput e)
    {
        var withTenure = _book.WithTenure;
        for (var i = 0; i < withTenure.Count; i++)
        {
            var plan = withTenure[i];
            var tenure = plan.Tenure!;
            if (tenure.Event.Name == e.Name && Matches(tenure.Event.Filter, e.Properties, e.Properties)
                && (state.TenureStartOrNull is not { } known || !known.TryGetValue(plan.Name, out var start) || e.EventTime < start))
            {
                state.TenureStart[plan.Name] = e.EventTime;
            }
        }
    }

    private void AdvanceWindows(EventInput e)
    {
        var windows = state.WindowsView;
        for (var i = windows.Count - 1; i >= 0; i--)
        {
            var window = windows[i];
            if (PlanOf(window) is not { } plan)
            {
                continue;
            }

            if (window.Stage == WindowStage.Sequence)
            {
                if (IsNextStep(window, plan, e.Name, e.Properties, e.EventTime))
                {
                    TakeStep(window, plan, e.EventTime);
                    CatchUp(window, plan);
                }
            }
            else if (CancelledBy(window, plan, e.Name, e.Properties, e.EventTime))
            {
                windows.RemoveAt(i);
                Emit(new WindowClosed(e.EventTime, window.Rule, window.Version, window.WindowId, CloseReason.Cancelled, e.MessageId));
            }
        }
    }

    private bool IsNextStep(PendingWindow window, RulePlan plan, string name, IReadOnlyDictionary<string, object?> properties, Instant at)
    {
        var step = plan.Sequence[window.Step];
        return step.Event.Name == name && at >= window.StageStart && at < window.Deadline && Matches(step.Event.Filter, properties, window.Signal);
    }

    private static void TakeStep(PendingWindow window, RulePlan plan, Instant at)
    {
        window.StageStart = at;
        window.Step++;
        if (window.Step < plan.Sequence.Count)
        {
            window.Deadline = at + Seconds(plan.Sequence[window.Step].WithinSeconds);
            return;
        }

        EnterWaiting(window, plan, at);
    }

    private bool CancelledBy(PendingWindow window, RulePlan plan, string name, IReadOnlyDictionary<string, object?> properties, Instant at)
    {
        for (var i = 0; i < plan.Absences.Count; i++)
        {
            var absence = plan.Absences[i];
            if (absence.Event.Name == name && at >= window.Anchor && at < window.Anchor + Seconds(absence.WithinSeconds)
                && Matches(absence.Event.Filter, properties, window.Signal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A window that has just opened, restarted or taken a step meets the events already applied
    /// that fall inside it in event time (they arrived before an out-of-order signal or step):
    /// the earliest takes each further step, and the earliest awaited-absent one cancels it.
    /// </summary>
    private void CatchUp(PendingWindow window, RulePlan plan)
    {
        if (state.RecentView.Count == 0)
        {
            return;
        }

        while (window.Stage == WindowStage.Sequence && Earliest(e => IsNextStep(window, plan, e.Name, e.Properties, e.EventTime)) is { } step)
        {
            TakeStep(window, plan, step.EventTime);
        }

        if (window.Stage == WindowStage.Waiting && Earliest(e => CancelledBy(window, plan, e.Name, e.Properties, e.EventTime)) is { } cancel)
        {
            state.Windows.Remove(window);
            Emit(new WindowClosed(cancel.EventTime, window.Rule, window.Version, window.WindowId, CloseReason.Cancelled, cancel.MessageId));
        }
    }

    private RecentEvent? Earliest(Func<RecentEvent, bool> matches)
    {
        RecentEvent? earliest = null;
        foreach (var recent in state.Recent)
        {
            if ((earliest is null || recent.EventTime < earliest.EventTime) && matches(recent))
            {
                earliest = recent;
            }
        }

        return earliest;
    }

    private void OpenWindows(EventInput e)
    {
        if (_book.SignalIndexOf(e.Name) is not { } index)
        {
            return;
        }

        // The rules the event's value names, and those always checked, merged back into priority order.
        var named = index.Named(e.Properties);
        var always = index.Always;
        for (int n = 0, a = 0; n < named.Length || a < always.Length;)
        {
            var plan = index.Rules[n < named.Length && (a >= always.Length || named[n] < always[a]) ? named[n++] : always[a++]];
            if (!RuleBook.Runs(plan, _options.IncludeDraftRules) || !Matches(plan.Signal.Event.Filter, e.Properties, e.Properties))
            {
                continue;
            }

            if (plan.Tenure is { } tenure
                && (state.TenureStartOrNull is not { } known || !known.TryGetValue(plan.Name, out var start) || e.EventTime >= start + Seconds(tenure.WithinSeconds)))
            {
                Emit(new Suppressed(e.EventTime, plan.Name, plan.Version, null, null, SuppressionReason.OutsideTenure, null));
                continue;
            }

            var existing = WindowOf(plan.Name);
            if (existing is null)
            {
                Open(plan, e);
            }
            else if (RestartsOnRepeat(plan) && e.EventTime > existing.Anchor)
            {
                Restart(existing, e);
            }
        }
    }

    private PendingWindow? WindowOf(string rule)
    {
        foreach (var window in state.WindowsView)
        {
            if (window.Rule == rule)
            {
                return window;
            }
        }

        return null;
    }

    private static bool RestartsOnRepeat(RulePlan plan)
    {
        if (plan.Signal.Kind == SignalKind.Recency || plan.Absences.Count == 0)
        {
            return true;
        }

        for (var i = 0; i < plan.Absences.Count; i++)
        {
            if (plan.Absences[i].Anchor == WindowAnchor.LatestSignal)
            {
                return true;
            }
        }

        return false;
    }

    private void Open(RulePlan plan, EventInput e)
    {
        var arm = Assignment.Assign(plan, state.CustomerId, _options.ExperimentSalt);
        var window = new PendingWindow
        {
            Rule = plan.Name,
            Version = plan.Version,
            // The opening message id keeps two windows whose signals share a millisecond apart (caps, idempotency keys).
            WindowId = $"{plan.Name}@{e.EventTime.ToUnixTimeMilliseconds()}/{e.MessageId}",
            Signal = SignalOf(e),
            Control = arm.Control,
            Variant = arm.Variant,
        };
        Begin(window, plan, e.EventTime);
        state.Windows.Add(window);
        Emit(new WindowOpened(e.EventTime, plan.Name, plan.Version, window.WindowId, OpenReason.Opened, window.Deadline));
        CatchUp(window, plan);
    }

    private void Restart(PendingWindow window, EventInput e)
    {
        var plan = PlanOf(window)!;
        window.Signal = SignalOf(e);
        Begin(window, plan, e.EventTime);
        Emit(new WindowOpened(e.EventTime, window.Rule, window.Version, window.WindowId, OpenReason.Restarted, window.Deadline));
        CatchUp(window, plan);
    }

    /// <summary>
    /// The signal's properties, kept by the window. An input is never changed once applied (recent
    /// events keep theirs too), so a read-only map or an ordinal dictionary is kept as it is rather
    /// than copied for every window: a backtest opens millions.
    /// </summary>
    private static IReadOnlyDictionary<string, object?> SignalOf(EventInput e) =>
        e.Properties is PropertyMap
        || (e.Properties is Dictionary<string, object?> properties
            && (ReferenceEquals(properties.Comparer, StringComparer.Ordinal) || ReferenceEquals(properties.Comparer, EqualityComparer<string>.Default)))
            ? e.Properties
            : new Dictionary<string, object?>(e.Properties, StringComparer.Ordinal);

    private static void Begin(PendingWindow window, RulePlan plan, Instant at)
    {
        window.Anchor = at;
        window.StageStart = at;
        window.Step = 0;
        if (plan.Sequence.Count > 0)
        {
            window.Stage = WindowStage.Sequence;
            window.Deadline = at + Seconds(plan.Sequence[0].WithinSeconds);
            window.AwaitsAbsence = true;
            return;
        }

        EnterWaiting(window, plan, at);
    }

    /// <summary>The last stage: the absence span (or recency delay), then the fixed wait, measured from <paramref name="anchor"/>.</summary>
    private static void EnterWaiting(PendingWindow window, RulePlan plan, Instant anchor)
    {
        var span = plan.Signal.AfterSeconds ?? 0;
        for (var i = 0; i < plan.Absences.Count; i++)
        {
            span = Math.Max(span, plan.Absences[i].WithinSeconds);
        }

        var wait = VariantOf(plan, window.Variant)?.WaitSeconds ?? plan.WaitSeconds ?? 0;
        window.Stage = WindowStage.Waiting;
        window.Anchor = anchor;
        window.Deadline = anchor + Seconds(span + wait);
        window.AwaitsAbsence = span > 0;
    }

    /// <summary>Decides every window and held message that is due, earliest first, priority breaking ties.</summary>
    private void ProcessDue(Instant settled)
    {
        while (NextDue(settled) is { } due)
        {
            if (due.Window is { } window)
            {
                state.Windows.Remove(window);
                Decide(window);
            }
            else
            {
                state.Held.Remove(due.Held!);
                Release(due.Held!);
            }
        }
    }

    private (PendingWindow? Window, HeldMessage? Held)? NextDue(Instant settled)
    {
        PendingWindow? window = null;
        foreach (var w in state.WindowsView)
        {
            var isDue = w.AwaitsAbsence ? w.Deadline <= settled : w.Deadline <= state.Clock || w.Deadline <= settled;
            if (isDue && (window is null || Earlier(w.Deadline, PriorityOf(w), w.Rule, window.Deadline, PriorityOf(window), window.Rule)))
            {
                window = w;
            }
        }

        // Held messages released at one moment go out like windows due at one moment: highest priority first.
        HeldMessage? held = null;
        foreach (var h in state.HeldView)
        {
            if (h.ReleaseAt <= state.Clock && (held is null || Earlier(h.ReleaseAt, h.Priority, h.Message.Rule, held.ReleaseAt, held.Priority, held.Message.Rule)))
            {
                held = h;
            }
        }

        if (window is null && held is null)
        {
            return null;
        }

        return held is not null && (window is null || Earlier(held.ReleaseAt, held.Priority, held.Message.Rule, window.Deadline, PriorityOf(window), window.Rule))
            ? (null, held)
            : (window, null);
    }

    private int PriorityOf(PendingWindow window) => PlanOf(window)?.Priority ?? 0;

    /// <summary>Earlier time first; at one time, higher priority, then name. Equal keys keep the first found.</summary>
    private static bool Earlier(Instant a, int priorityA, string ruleA, Instant b, int priorityB, string ruleB) =>
        a != b ? a < b
        : priorityA != priorityB ? priorityA > priorityB
        : string.CompareOrdinal(ruleA, ruleB) < 0;

    private void Decide(PendingWindow window)
    {
        var at = window.Deadline;
        var plan = PlanOf(window);
        var active = _book.Active(window.Rule);
        if (plan is null || active is null || !RuleBook.Runs(active, _options.IncludeDraftRules))
        {
            Emit(new WindowClosed(at, window.Rule, window.Version, window.WindowId, CloseReason.RulePaused, null));
            return;
        }

        if (window.Stage == WindowStage.Sequence)
        {
            Emit(new WindowClosed(at, window.Rule, window.Version, window.WindowId, CloseReason.Expired, null));
            return;
        }

        Emit(new WindowClosed(at, window.Rule, window.Version, window.WindowId, CloseReason.Satisfied, null));
        Fire(window, plan, at);
    }

    private void Fire(PendingWindow window, RulePlan plan, Instant at)
    {
        var zone = CustomerClock.ZoneOf(state.ProfileView, _options);
        SuppressionReason? reason =
            !CustomerClock.IsActive(plan, at, zone) ? SuppressionReason.OutsideActivePeriod
            : plan.Audience is { } audience && !Matches(audience.Condition, window.Signal, window.Signal) ? SuppressionReason.NotInAudience
            : window.Control ? SuppressionReason.ControlGroup
            : null;
        if (reason is { } r)
        {
            Emit(new Suppressed(at, plan.Name, plan.Version, window.Variant, null, r, null));
            return;
        }

        var variant = VariantOf(plan, window.Variant);
        var capKey = CapKey(plan, window.Signal);
        for (var a = 0; a < plan.Actions.Count; a++)
        {
            var action = plan.Actions[a];

            // A variant's channel override applies to the rule's first send; further sends are fixed parts of the rule.
            var first = a == 0;
            var channel = first && variant?.Channel is { } c ? c : action.Channel;

            // Checked before the message is composed: a blocked message needs no parameters or key.
            if (Blocked(plan, window.Version, window.Variant, channel, at, capKey, window.WindowId) is { } blocked)
            {
                Emit(blocked);
                continue;
            }

            var template = first && variant?.Template is { } t ? t : action.Template;
            var key = IdempotencyKey.For(state.CustomerId, window.Rule, window.WindowId, channel);
            var message = new SendDecision(at, plan.Name, window.Version, window.Variant, channel, template, _book.ParametersOf(plan, a, variant), window.Signal, key);
            Deliver(message, plan, capKey, window.WindowId, zone);
        }
    }

    /// <summary>A message that passed consent, caps and collisions: sent now, or held or dropped by quiet hours.</summary>
    private void Deliver(SendDecision message, RulePlan plan, string? capKey, string window, NodaTime.DateTimeZone zone)
    {
        var hours = plan.QuietHours.Hours ?? _book.Governance.DefaultQuietHours;
        if (hours is not null && CustomerClock.IsWithin(message.At, zone, hours))
        {
            if (plan.QuietHours.Policy == QuietHoursPolicy.Drop)
            {
                Emit(Suppress(message, SuppressionReason.QuietHoursDropped, $"quiet hours {hours.Start:HH\\:mm}–{hours.End:HH\\:mm}"));
                return;
            }

            var release = CustomerClock.NextEnd(message.At, zone, hours);
            state.Held.Add(new HeldMessage(message, release, plan.Priority, capKey, window));
            Emit(Suppress(message, SuppressionReason.QuietHoursHeld, $"held until {release}"));
            return;
        }

        Send(message, plan.Priority, capKey, window);
    }

    private void Release(HeldMessage held)
    {
        var message = held.Message with { At = held.ReleaseAt };
        var plan = _book.Version(message.Rule, message.Version);
        if (plan is null)
        {
            return;
        }

        if (Blocked(plan, message.Version, message.Variant, message.Channel, message.At, held.CapKey, held.Window) is { } blocked)
        {
            Emit(blocked);
            return;
        }

        Send(message, held.Priority, held.CapKey, held.Window);
    }

    /// <summary>Consent, the rule's caps, the channel's caps and collisions, checked at the moment of sending.</summary>
    private Suppressed? Blocked(RulePlan plan, string version, string? variant, string channel, Instant at, string? capKey, string? window)
    {
        if (state.ConsentOrNull is not { } consent || !consent.TryGetValue(channel, out var granted) ? !_options.ConsentByDefault : !granted)
        {
            return new Suppressed(at, plan.Name, version, variant, channel, SuppressionReason.NoConsent, null);
        }

        if (Caps.RuleCapHit(state, plan, at, capKey, window) is { } ruleCap)
        {
            return new Suppressed(at, plan.Name, version, variant, channel, SuppressionReason.FrequencyCap, ruleCap);
        }

        if (Caps.ChannelCapHit(state, _book.Governance, channel, at) is { } channelCap)
        {
            return new Suppressed(at, plan.Name, version, variant, channel, SuppressionReason.ChannelCap, channelCap);
        }

        return CollisionWinner(plan.Name, at) is { } winner
            ? new Suppressed(at, plan.Name, version, variant, channel, SuppressionReason.CollisionLost, winner)
            : null;
    }

    /// <summary>
    /// The rule of the most recent send from another rule within the collision interval before
    /// <paramref name="at"/>; of sends at the same instant, the one recorded last. Sends are not
    /// recorded in time order (a late event can fire a rule at an earlier instant than a send
    /// already made), so the whole list is searched.
    /// </summary>
    private string? CollisionWinner(string rule, Instant at)
    {
        var from = at - _options.CollisionInterval;
        var sends = state.SentView;
        SentMessage? winner = null;
        for (var i = 0; i < sends.Count; i++)
        {
            var sent = sends[i];
            if (sent.Rule != rule && sent.At > from && sent.At <= at && (winner is null || sent.At >= winner.At))
            {
                winner = sent;
            }
        }

        return winner?.Rule;
    }

    private void Send(SendDecision message, int priority, string? capKey, string? window)
    {
        // A rule's caps count firings: the second channel of one firing is not another message of the rule.
        var firstOfFiring = window is null || !Caps.FiringHasSent(state, window);
        state.Sent.Add(new SentMessage(message.Rule, message.Channel, message.At, priority, window));
        if (firstOfFiring)
        {
            state.SentEver[message.Rule] = state.SentEver.GetValueOrDefault(message.Rule) + 1;
            if (capKey is not null)
            {
                state.SentPerKey[capKey] = state.SentPerKey.GetValueOrDefault(capKey) + 1;
            }
        }

        Emit(message);
    }

    private static Suppressed Suppress(SendDecision message, SuppressionReason reason, string? detail) =>
        new(message.At, message.Rule, message.Version, message.Variant, message.Channel, reason, detail);

    private static string? CapKey(RulePlan plan, IReadOnlyDictionary<string, object?> signal) =>
        plan.Caps.FirstOrDefault(c => c.Per == CapScopeKind.Property) is { Property: { } property }
            ? Caps.PerKey(plan.Name, signal.GetValueOrDefault(property))
            : null;

    private RulePlan? PlanOf(PendingWindow window) => _book.Version(window.Rule, window.Version);

    private static VariantPlan? VariantOf(RulePlan plan, string? name)
    {
        for (var i = 0; name is not null && i < plan.Variants.Count; i++)
        {
            if (plan.Variants[i].Name == name)
            {
                return plan.Variants[i];
            }
        }

        return null;
    }

    private bool Matches(ConditionPlan? condition, IReadOnlyDictionary<string, object?> eventProperties, IReadOnlyDictionary<string, object?> signal) =>
        condition is null || ConditionEvaluator.Evaluate(condition, new ConditionScope(eventProperties, signal, state.ProfileView));

    private static Duration Seconds(long seconds) => Duration.FromSeconds(seconds);

    private void Prune()
    {
        // Runs after every input, so it is written without closures or LINQ: it must not allocate.
        // A decision can still be taken as far back as the allowed lateness (a late event fires at its event time),
        // and looks back over the longest cap or the collision interval from there.
        var capHorizon = state.Clock - _options.AllowedLateness - Duration.FromSeconds(_book.LongestCapSeconds) - _options.CollisionInterval;
        var sends = state.SentView;
        for (var i = sends.Count - 1; i >= 0; i--)
        {
            if (sends[i].At < capHorizon)
            {
                sends.RemoveAt(i);
            }
        }

        // Older than the watermark, an event can fall in no window a future signal opens: signals that old are late.
        var watermark = Watermark;
        var recent = state.RecentView;
        for (var i = recent.Count - 1; i >= 0; i--)
        {
            if (recent[i].EventTime < watermark)
            {
                recent.RemoveAt(i);
            }
        }

        state.Seen.RemoveOlderThan(state.Clock - _options.DedupeHorizon);
        state.ReleaseEmptyLists();
    }

    internal static IReadOnlyDictionary<string, object?> Empty => NoProperties;
}
