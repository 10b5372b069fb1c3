using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.State;

namespace TriggerFlow.Engine;

/// <summary>What one input did: the decisions, and when the customer next needs waking.</summary>
/// <param name="NextWakeUp">The earliest deadline or release time still pending; null when nothing is.</param>
public sealed record EngineResult(IReadOnlyList<Decision> Decisions, Instant? NextWakeUp);

/// <summary>
/// The decisioning engine: given the deployed rules, one customer's state and one input, it
/// advances the state and returns the decisions. No clock, no I/O, no unseeded randomness:
/// the same rules, state and input always give the same result. The simulator, backtest,
/// explain, scenario tests and the live runtime all call this one engine.
/// </summary>
public sealed class DecisionEngine
{
    public DecisionEngine(RuleBook book, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Book = book;
        Options = options;
    }

    public RuleBook Book { get; }

    public EngineOptions Options { get; }

    /// <summary>Applies <paramref name="input"/> to <paramref name="state"/> (advancing it in place).</summary>
    public EngineResult Apply(CustomerState state, EngineInput input)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        var step = new EngineStep(this);
        step.Run(state, input, null);
        return new EngineResult(step.Decisions, NextWakeUp(state));
    }

    /// <summary>
    /// <see cref="Apply(CustomerState, EngineInput)"/> for a caller that decides many inputs on one thread: the step object and
    /// the decisions list are the caller's, reused from input to input. Returns the next wake-up.
    /// </summary>
    internal Instant? Apply(EngineStep step, CustomerState state, EngineInput input, List<Decision> decisions)
    {
        step.Run(state, input, decisions);
        return NextWakeUp(state);
    }

    /// <summary>
    /// Folds an anonymous customer's state into a known one (an identify that links the two).
    /// Opt-outs win over consents; the known customer's traits win over the anonymous ones.
    /// </summary>
    public static void Merge(CustomerState into, CustomerState from)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(from);
        foreach (var (trait, value) in from.Profile)
        {
            into.Profile.TryAdd(trait, value);
        }

        foreach (var (channel, granted) in from.Consent)
        {
            into.Consent[channel] = into.Consent.TryGetValue(channel, out var known) ? known && granted : granted;
        }

        into.Windows.AddRange(from.Windows.Where(w => !into.Windows.Any(k => k.Rule == w.Rule)));
        // A stable order: of sends at one instant, the known customer's stay first (collisions name the last).
        var sent = into.Sent.Concat(from.Sent).OrderBy(s => s.At).ToList();
        into.Sent.Clear();
        into.Sent.AddRange(sent);
        into.Held.AddRange(from.Held);
        into.Recent.AddRange(from.Recent);
        AddCounts(into.SentEver, from.SentEver);
        AddCounts(into.SentPerKey, from.SentPerKey);
        foreach (var (rule, start) in from.TenureStart)
        {
            into.TenureStart[rule] = into.TenureStart.TryGetValue(rule, out var known) && known < start ? known : start;
        }

        into.Seen.AddFrom(from.Seen);

        into.Clock = Instant.Max(into.Clock, from.Clock);
        into.LateEvents += from.LateEvents;
    }

    /// <summary>When the customer must next be woken: a deadline (plus the lateness grace where absence is awaited) or a release.</summary>
    public Instant? NextWakeUp(CustomerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Instant? next = null;
        foreach (var window in state.WindowsView)
        {
            var due = window.AwaitsAbsence ? window.Deadline + Options.AllowedLateness : window.Deadline;
            next = next is { } n && n <= due ? n : due;
        }

        foreach (var held in state.HeldView)
        {
            next = next is { } n && n <= held.ReleaseAt ? n : held.ReleaseAt;
        }

        return next;
    }

    private static void AddCounts(SendCounts into, SendCounts from)
    {
        foreach (var (key, count) in from)
        {
            into[key] = into.GetValueOrDefault(key) + count;
        }
    }
}
