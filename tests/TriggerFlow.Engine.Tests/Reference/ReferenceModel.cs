using NodaTime;
using TriggerFlow.Engine.Inputs;

namespace TriggerFlow.Engine.Tests.Reference;

/// <summary>
/// A decision, projected to what the semantics talk about: when, which rule, what happened, on
/// which channel, and the variant (plus the winner of a lost collision, or a late event's id).
/// </summary>
internal sealed record Outcome(Instant At, string Rule, string Kind, string? Channel, string? Detail)
{
    public override string ToString() => $"{At} {(Rule.Length == 0 ? "-" : Rule)} {Kind}{(Channel is null ? "" : " " + Channel)}{(Detail is null ? "" : " [" + Detail + "]")}";
}

/// <summary>The world the model decides in: the rules, governance, options, and the experiment assignment.</summary>
/// <param name="Arm">
/// Control-group membership and variant of (rule, customer). Assignment is specified as a hash
/// (docs/semantics.md, Experiments), so the engine's hash serves as the oracle here.
/// </param>
internal sealed record ModelWorld(
    IReadOnlyList<RuleSpec> Rules,
    GovernanceSpec Governance,
    EngineOptions Options,
    Func<string, string, (bool Control, string? Variant)> Arm);

/// <summary>
/// A slow, deliberately plain model of docs/semantics.md for one customer. It keeps nothing but the
/// customer's inputs; asked for decisions, it replays them from the start. At every moment of the
/// replay it re-derives each rule's open window from the whole list of applied events (who opened
/// it, which later signals restarted it, whether a sequence step or a cancelling event exists in its
/// half-open interval) instead of carrying window state forward as the engine does. The only things
/// it carries are what the semantics make irrevocable: decisions made (sends, closures, holds).
/// </summary>
internal sealed class ReferenceModel(ModelWorld world, string customerId)
{
    private readonly List<EngineInput> _history = [];

    public void Receive(EngineInput input) => _history.Add(input);

    /// <summary>Every decision for the inputs received, with time run on to <paramref name="end"/>.</summary>
    public IReadOnlyList<Outcome> Decide(Instant end) => new Replay(world, customerId, _history).Run(end);

    private sealed record Applied(int Index, string Id, string Name, IReadOnlyDictionary<string, object?> Properties, Instant Time);

    private enum MarkKind
    {
        Open,
        Restart,
        Close,
    }

    /// <summary>A window boundary already decided: opened/restarted at applied event <c>Index</c>, or closed when <c>Index</c> events had been applied.</summary>
    private sealed record Mark(string Rule, MarkKind Kind, int Index);

    /// <param name="Firing">The window that fired it (rule and opening signal): rule caps count firings, not messages.</param>
    private sealed record Sent(string Rule, string Channel, Instant At, string CapValue, string Firing);

    private sealed record Held(long Seq, RuleSpec Rule, string Channel, string? Variant, Instant Release, string CapValue, string Firing);

    /// <summary>One firing of a rule: its arm, its <c>per cart</c> value, and its identity.</summary>
    private sealed record Firing(RuleSpec Rule, string? Variant, string CapValue, string Id);

    /// <summary>A rule's window as derived from history at one moment.</summary>
    private sealed class Window
    {
        public required Applied Signal { get; set; }

        public bool InSequence { get; set; }

        /// <summary>Where absences (and restarts) are measured from: the signal, or the last sequence step.</summary>
        public Instant Anchor { get; set; }

        public Instant StageStart { get; set; }

        public Instant Deadline { get; set; }

        public bool AwaitsAbsence { get; set; }
    }

    private sealed class Replay(ModelWorld world, string customerId, IReadOnlyList<EngineInput> history)
    {
        private readonly Duration _lateness = world.Options.AllowedLateness;
        private readonly List<Applied> _applied = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<ProfileInput> _profiles = [];
        private readonly List<Mark> _marks = [];
        private readonly List<Sent> _sent = [];
        private readonly List<Held> _held = [];
        private readonly List<Outcome> _out = [];
        private Instant _clock = Instant.MinValue;
        private long _holdSeq;

        public List<Outcome> Run(Instant end)
        {
            foreach (var input in history)
            {
                AdvanceTo(input.ArrivalTime);
                _clock = Instant.Max(_clock, input.ArrivalTime);
                switch (input)
                {
                    case EventInput e:
                        Receive(e);
                        break;
                    case ProfileInput p when p.MessageId is null || _seen.Add(p.MessageId):
                        _profiles.Add(p);
                        break;
                }

                Settle(_clock - _lateness);
            }

            AdvanceTo(end);
            return _out;
        }

        private void Receive(EventInput e)
        {
            if (!_seen.Add(e.MessageId))
            {
                return;
            }

            if (e.EventTime < _clock - _lateness)
            {
                _out.Add(new Outcome(e.EventTime, "", "late", null, e.MessageId));
                return;
            }

            // The event itself settles every window whose deadline it has reached, before it can touch them.
            Settle(Instant.Max(_clock - _lateness, e.EventTime));
            _applied.Add(new Applied(_applied.Count, e.MessageId, e.Name, e.Properties, e.EventTime));
            foreach (var rule in world.Rules)
            {
                Record(rule);
            }
        }

        /// <summary>Logs what the new event did to <paramref name="rule"/>'s window: opened, restarted, cancelled.</summary>
        private void Record(RuleSpec rule)
        {
            if (Derive(rule) is not { } window)
            {
                return;
            }

            var last = _marks.LastOrDefault(m => m.Rule == rule.Name);
            if (last is null || last.Kind == MarkKind.Close)
            {
                _marks.Add(new Mark(rule.Name, MarkKind.Open, window.Signal.Index));
                _out.Add(new Outcome(window.Signal.Time, rule.Name, "opened", null, null));
            }
            else if (last.Index != window.Signal.Index)
            {
                _marks.Add(new Mark(rule.Name, MarkKind.Restart, window.Signal.Index));
                _out.Add(new Outcome(window.Signal.Time, rule.Name, "restarted", null, null));
            }

            if (!window.InSequence && rule.Absence is { } absence)
            {
                // By definition: an awaited event c with anchor <= c < anchor + D cancels, whenever it became known.
                var cancel = _applied
                    .Where(c => c.Name == absence.Event && c.Time >= window.Anchor && c.Time < window.Anchor + absence.Within)
                    .OrderBy(c => c.Time).ThenBy(c => c.Index)
                    .FirstOrDefault();
                if (cancel is not null)
                {
                    Close(rule);
                    _out.Add(new Outcome(cancel.Time, rule.Name, "cancelled", null, null));
                }
            }
        }

        /// <summary>
        /// The rule's open window, re-derived from scratch: the first signal applied since the window
        /// before it closed opens it; each later signal newer than the anchor restarts it (unless the
        /// absence counts from the first signal); a sequence step is the earliest matching event in
        /// [stage start, stage start + D) known when the step could first be taken.
        /// </summary>
        private Window? Derive(RuleSpec rule)
        {
            if (!rule.Runs)
            {
                return null;
            }

            var from = _marks.LastOrDefault(m => m.Rule == rule.Name && m.Kind == MarkKind.Close)?.Index ?? 0;
            Window? window = null;
            for (var i = from; i < _applied.Count; i++)
            {
                var e = _applied[i];
                if (window is { InSequence: true } && rule.Step is { } step && e.Name == step.Event && e.Time >= window.StageStart && e.Time < window.Deadline)
                {
                    EnterWaiting(window, rule, e.Time);
                }

                if (!IsSignal(rule, e))
                {
                    continue;
                }

                if (window is null || (rule.RestartsOnRepeat && e.Time > window.Anchor))
                {
                    window = Begin(rule, e);
                }
            }

            return window;
        }

        private Window Begin(RuleSpec rule, Applied signal)
        {
            var window = new Window { Signal = signal, Anchor = signal.Time, StageStart = signal.Time };
            if (rule.Step is not { } step)
            {
                EnterWaiting(window, rule, signal.Time);
                return window;
            }

            window.InSequence = true;
            window.Deadline = signal.Time + step.Within;
            window.AwaitsAbsence = true;

            // A step that arrived before its (out-of-order) signal still happened after it in event time.
            var known = _applied.Take(signal.Index + 1)
                .Where(e => e.Name == step.Event && e.Time >= signal.Time && e.Time < window.Deadline)
                .OrderBy(e => e.Time)
                .FirstOrDefault();
            if (known is not null)
            {
                EnterWaiting(window, rule, known.Time);
            }

            return window;
        }

        private void EnterWaiting(Window window, RuleSpec rule, Instant from)
        {
            var span = Duration.Max(rule.Absence?.Within ?? Duration.Zero, rule.Recency ?? Duration.Zero);
            var variant = world.Arm(rule.Name, customerId).Variant;
            var wait = rule.Variants.FirstOrDefault(v => v.Name == variant)?.Wait ?? rule.Wait ?? Duration.Zero;
            window.InSequence = false;
            window.Anchor = from;
            window.Deadline = from + span + wait;
            window.AwaitsAbsence = span > Duration.Zero;
        }

        private static bool IsSignal(RuleSpec rule, Applied e) =>
            e.Name == rule.SignalEvent && (rule.Filter is null || rule.Filter.Holds(e.Properties));

        private void Close(RuleSpec rule) => _marks.Add(new Mark(rule.Name, MarkKind.Close, _applied.Count));

        /// <summary>Wakes the customer at each moment something falls due, up to <paramref name="time"/>.</summary>
        private void AdvanceTo(Instant time)
        {
            while (NextDue() is { } due && due <= time)
            {
                _clock = Instant.Max(_clock, due);
                Settle(_clock - _lateness);
            }
        }

        private Instant? NextDue()
        {
            var dues = world.Rules.Select(Derive).OfType<Window>().Select(w => w.AwaitsAbsence ? w.Deadline + _lateness : w.Deadline)
                .Concat(_held.Select(h => h.Release))
                .ToList();
            return dues.Count == 0 ? null : dues.Min();
        }

        /// <summary>Decides everything due, earliest logical time first, then highest priority, then name.</summary>
        private void Settle(Instant settled)
        {
            while (true)
            {
                var windows = world.Rules
                    .Select(r => (Rule: r, Window: Derive(r)))
                    .Where(x => x.Window is { } w && (w.AwaitsAbsence ? w.Deadline <= settled : w.Deadline <= _clock || w.Deadline <= settled))
                    .Select(x => (At: x.Window!.Deadline, x.Rule.Priority, Name: x.Rule.Name, Seq: -1L, Act: (Action)(() => Decide(x.Rule, x.Window!))));
                var releases = _held.Where(h => h.Release <= _clock)
                    .Select(h => (At: h.Release, h.Rule.Priority, Name: h.Rule.Name, h.Seq, Act: (Action)(() => Release(h))));
                var next = windows.Concat(releases).OrderBy(x => x.At).ThenByDescending(x => x.Priority).ThenBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.Seq).ToList();
                if (next.Count == 0)
                {
                    return;
                }

                next[0].Act();
            }
        }

        private void Decide(RuleSpec rule, Window window)
        {
            Close(rule);
            if (window.InSequence)
            {
                _out.Add(new Outcome(window.Deadline, rule.Name, "expired", null, null));
                return;
            }

            _out.Add(new Outcome(window.Deadline, rule.Name, "satisfied", null, null));
            Fire(rule, window);
        }

        private void Fire(RuleSpec rule, Window window)
        {
            var at = window.Deadline;
            var profile = Profile();
            var zone = ZoneOf(profile);
            var (control, variant) = world.Arm(rule.Name, customerId);
            var reason =
                rule.ActiveUntil is { } until && at.InZone(zone).Date > until ? "OutsideActivePeriod"
                : rule.Audience is { } audience && !audience.Holds(profile, window.Signal.Properties) ? "NotInAudience"
                : control ? "ControlGroup"
                : null;
            if (reason is not null)
            {
                _out.Add(new Outcome(at, rule.Name, reason, null, variant));
                return;
            }

            var firing = new Firing(rule, variant, window.Signal.Properties.GetValueOrDefault("cart")?.ToString() ?? "", $"{rule.Name}#{window.Signal.Index}");
            var first = true;
            foreach (var channel in rule.Channels.Order(StringComparer.Ordinal))
            {
                var actual = first ? rule.Variants.FirstOrDefault(v => v.Name == variant)?.Channel ?? channel : channel;
                first = false;
                Deliver(firing, actual, at, zone);
            }
        }

        private void Deliver(Firing firing, string channel, Instant at, DateTimeZone zone)
        {
            var (rule, variant, capValue, id) = firing;
            if (Blocked(firing, channel, at) is { } blocked)
            {
                _out.Add(blocked);
                return;
            }

            var hours = rule.Quiet?.Hours ?? world.Governance.QuietHours;
            if (hours is not null && IsQuiet(at, zone, hours))
            {
                if (rule.Quiet is { Drop: true })
                {
                    _out.Add(new Outcome(at, rule.Name, "QuietHoursDropped", channel, variant));
                    return;
                }

                _held.Add(new Held(_holdSeq++, rule, channel, variant, EndOfQuiet(at, zone, hours), capValue, id));
                _out.Add(new Outcome(at, rule.Name, "QuietHoursHeld", channel, variant));
                return;
            }

            Send(firing, channel, at);
        }

        private void Release(Held held)
        {
            _held.Remove(held);
            var firing = new Firing(held.Rule, held.Variant, held.CapValue, held.Firing);
            if (Blocked(firing, held.Channel, held.Release) is { } blocked)
            {
                _out.Add(blocked);
                return;
            }

            Send(firing, held.Channel, held.Release);
        }

        private void Send(Firing firing, string channel, Instant at)
        {
            _sent.Add(new Sent(firing.Rule.Name, channel, at, firing.CapValue, firing.Id));
            _out.Add(new Outcome(at, firing.Rule.Name, "send", channel, firing.Variant));
        }

        /// <summary>Consent, the rule's caps, the channel's caps, collisions: in the order of docs/semantics.md.</summary>
        private Outcome? Blocked(Firing firing, string channel, Instant at)
        {
            var (rule, variant, capValue, id) = firing;
            Outcome Suppress(string reason, string? detail = null) => new(at, rule.Name, reason, channel, detail is null ? variant : $"{variant}/{detail}");

            var consent = _profiles.Where(p => p.Consent.ContainsKey(channel)).Select(p => (bool?)p.Consent[channel]).LastOrDefault();
            if (!(consent ?? world.Options.ConsentByDefault))
            {
                return Suppress("NoConsent");
            }

            bool InWindow(Sent s, Duration window) => s.At > at - window && s.At <= at;
            // A firing that has already sent one message is not held back on its other channels.
            var firings = _sent.Any(s => s.Firing == id) ? [] : rule.Caps;
            foreach (var cap in firings)
            {
                var mine = _sent.Where(s => s.Rule == rule.Name);
                var used = cap.Kind switch
                {
                    CapKind.Window => mine.Where(s => InWindow(s, cap.Window)).Select(s => s.Firing).Distinct().Count(),
                    CapKind.Ever => mine.Select(s => s.Firing).Distinct().Count(),
                    _ => mine.Where(s => s.CapValue == capValue).Select(s => s.Firing).Distinct().Count(),
                };
                if (used >= cap.Count)
                {
                    return Suppress("FrequencyCap");
                }
            }

            if (world.Governance.ChannelCaps.Any(c => c.Channel == channel && _sent.Count(s => s.Channel == channel && InWindow(s, c.Window)) >= c.Count))
            {
                return Suppress("ChannelCap");
            }

            var winner = _sent.Where(s => s.Rule != rule.Name && InWindow(s, world.Options.CollisionInterval)).OrderBy(s => s.At).LastOrDefault();
            return winner is null ? null : Suppress("CollisionLost", winner.Rule);
        }

        private Dictionary<string, object?> Profile()
        {
            var profile = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (trait, value) in _profiles.SelectMany(p => p.Traits))
            {
                if (value is null)
                {
                    profile.Remove(trait);
                }
                else
                {
                    profile[trait] = value;
                }
            }

            return profile;
        }

        private DateTimeZone ZoneOf(IReadOnlyDictionary<string, object?> profile) =>
            profile.GetValueOrDefault(world.Options.TimeZoneTrait) is string id && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone
                ? zone
                : DateTimeZoneProviders.Tzdb[world.Options.DefaultTimeZone];

        private static bool IsQuiet(Instant at, DateTimeZone zone, HoursSpec hours)
        {
            var local = at.InZone(zone).TimeOfDay;
            return hours.Start < hours.End
                ? local >= hours.Start && local < hours.End
                : local >= hours.Start || local < hours.End;
        }

        /// <summary>
        /// The first instant at or after <paramref name="at"/> when the local clock reads the end. In a
        /// skipped hour the local time is read with the offset before the gap (so it lands past it); in
        /// a repeated hour the earlier of the two instants that are not before <paramref name="at"/>.
        /// </summary>
        private static Instant EndOfQuiet(Instant at, DateTimeZone zone, HoursSpec hours)
        {
            var local = at.InZone(zone).LocalDateTime;
            var date = local.TimeOfDay < hours.End ? local.Date : local.Date.PlusDays(1);
            var release = date + hours.End;
            var mapping = zone.MapLocal(release);
            return mapping.Count switch
            {
                0 => new OffsetDateTime(release, mapping.EarlyInterval.WallOffset).ToInstant(),
                _ => mapping.First().ToInstant() >= at ? mapping.First().ToInstant() : mapping.Last().ToInstant(),
            };
        }
    }
}
