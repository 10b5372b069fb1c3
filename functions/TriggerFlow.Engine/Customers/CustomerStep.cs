using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.State;

namespace TriggerFlow.Engine.Customers;

/// <summary>What became of one input applied through <see cref="CustomerStep"/>.</summary>
public enum StepOutcome
{
    /// <summary>Applied.</summary>
    Applied,

    /// <summary>Its message id was seen before: nothing changed, no identity was merged.</summary>
    Duplicate,

    /// <summary>Its event time is beyond the allowed lateness: counted and reported, not applied.</summary>
    Late,
}

/// <summary>
/// One customer's step, in the order every host follows: the live Orleans grain, the backtest's
/// simulator and any later host drive this one class, so they cannot disagree on it.
/// <list type="number">
/// <item><b>Dedupe</b>: an input whose message id the customer has seen changes nothing, and merges nothing.</item>
/// <item><b>Identity merge</b>: the state an anonymous id handed over folds into this customer.</item>
/// <item><b>Catch-up</b>: every wake-up due at or before the input's arrival runs first, each at its own
/// time, as if it had fired on time (a host's timer can fire late, or not at all while it was down).</item>
/// <item><b>Engine</b>: the input itself.</item>
/// <item><b>Decisions</b>: everything decided, in order, is added to the caller's list.</item>
/// </list>
/// Pure: no clock, no I/O. One instance serves many inputs, one after another, on one thread.
/// </summary>
public sealed class CustomerStep
{
    // A catch-up runs at most this many wake-ups: each normally settles what was due, so more means a wake-up that settles nothing.
    private const int MaxCatchUps = 10_000;

    private readonly DecisionEngine _engine;
    private readonly EngineStep _step;

    public CustomerStep(DecisionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _step = new EngineStep(engine);
    }

    public DecisionEngine Engine => _engine;

    /// <summary>True when <paramref name="input"/> carries a message id this customer has already seen.</summary>
    public static bool IsDuplicate(CustomerState state, EngineInput input)
    {
        ArgumentNullException.ThrowIfNull(state);
        return MessageIdOf(input) is { } id && state.Seen.Contains(id);
    }

    /// <summary>
    /// Applies <paramref name="input"/> to <paramref name="state"/> in the order above, adding the
    /// decisions to <paramref name="decisions"/>. <paramref name="merged"/> is the state handed over by
    /// an anonymous id this input links to the customer (null when none); it is folded in only when
    /// the input is new. Returns the outcome and, through <paramref name="nextWakeUp"/>, when the
    /// customer must next be woken.
    /// </summary>
    public StepOutcome Apply(CustomerState state, EngineInput input, CustomerState? merged, List<Decision> decisions, out Instant? nextWakeUp)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(decisions);
        if (IsDuplicate(state, input))
        {
            nextWakeUp = _engine.NextWakeUp(state);
            return StepOutcome.Duplicate;
        }

        if (merged is not null)
        {
            DecisionEngine.Merge(state, merged);
        }

        CatchUp(state, input.ArrivalTime, decisions);
        var first = decisions.Count;
        nextWakeUp = _engine.Apply(_step, state, input, decisions);
        for (var i = first; i < decisions.Count; i++)
        {
            if (decisions[i] is LateEventIgnored)
            {
                return StepOutcome.Late;
            }
        }

        return StepOutcome.Applied;
    }

    /// <summary>Runs every wake-up due at or before <paramref name="time"/>, earliest first, each at its own time.</summary>
    private void CatchUp(CustomerState state, Instant time, List<Decision> decisions)
    {
        if (state.WindowsView.Count == 0 && state.HeldView.Count == 0)
        {
            return;
        }

        var previous = Instant.MinValue;
        for (var i = 0; i < MaxCatchUps && _engine.NextWakeUp(state) is { } due && due <= time && due > previous; i++)
        {
            _engine.Apply(_step, state, new WakeUpInput(due), decisions);
            previous = due;
        }
    }

    private static string? MessageIdOf(EngineInput input) => input switch
    {
        EventInput e => e.MessageId,
        ProfileInput p => p.MessageId,
        _ => null,
    };
}
