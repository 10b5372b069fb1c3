using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Firing;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.SendGates;
using TriggerFlow.Engine.State;
using TriggerFlow.Engine.Windows;

namespace TriggerFlow.Engine;

/// <summary>One application of one input to one customer: the engine's semantics, in order.</summary>
/// <remarks>
/// <para>
/// The order is the semantics: the clock moves and settles the watermark; an event is deduplicated,
/// set aside when late, then settles the windows it has reached before it advances, cancels and
/// opens windows; a profile update changes traits and consent; then everything due is decided, and
/// what no later input can need is forgotten. Each stage lives in the folder of its concept:
/// <c>Windows/</c>, <c>Firing/</c> (due work, arbitration, firing), <c>SendGates/</c> (consent, caps,
/// collisions) and <c>Holds/</c> (quiet hours and releases).
/// </para>
/// <para>
/// One step object can serve many inputs, one after another (<see cref="Run(CustomerState, EngineInput, List{Decision})"/>):
/// a simulator deciding millions of inputs on one thread keeps one, rather than allocating one per input.
/// The stages are static and share the input's <see cref="StepContext"/>, so a step costs one context.
/// </para>
/// </remarks>
internal sealed class EngineStep(DecisionEngine engine)
{
    private static readonly IReadOnlyDictionary<string, object?> NoProperties = new Dictionary<string, object?>();
    private readonly StepContext _step = new(engine.Book, engine.Options);

    public IReadOnlyList<Decision> Decisions => (IReadOnlyList<Decision>?)_step.Decisions ?? [];

    internal static IReadOnlyDictionary<string, object?> Empty => NoProperties;

    /// <summary>Applies <paramref name="input"/> to <paramref name="customer"/>, adding the decisions to <paramref name="decisions"/>.</summary>
    public void Run(CustomerState customer, EngineInput input, List<Decision>? decisions)
    {
        _step.Begin(customer, decisions);
        try
        {
            _step.AdvanceClock(input.ArrivalTime);
            switch (input)
            {
                case EventInput e:
                    ApplyEvent(e);
                    break;
                case ProfileInput p:
                    ApplyProfile(p);
                    break;
            }

            DueWork.Process(_step, _step.Watermark);
            Prune();
        }
        finally
        {
            _step.End();
        }
    }

    private void ApplyEvent(EventInput e)
    {
        var state = _step.State;

        // Every message id is remembered, late or not and whether or not a rule mentions the event:
        // a retry changes nothing and decides nothing, so a late event is reported (and counted) once.
        if (!state.Seen.TryAdd(e.MessageId, e.EventTime))
        {
            return;
        }

        if (e.EventTime < _step.Watermark)
        {
            state.LateEvents++;
            _step.Emit(new LateEventIgnored(e.EventTime, e.MessageId, e.Name, state.Clock - e.EventTime));
            return;
        }

        if (!_step.Book.Mentions(e.Name) && state.WindowsView.Count == 0)
        {
            return;
        }

        // The customer's own event time settles windows too: a window whose deadline this event
        // has reached is decided first, so the event cannot cancel or restart it (windows are half-open).
        DueWork.Process(_step, Instant.Max(_step.Watermark, e.EventTime));
        Tenure.Track(_step, e);
        WindowProgress.Advance(_step, e);
        WindowOpening.Open(_step, e);
        RecentEvents.Remember(_step, e);
    }

    private void ApplyProfile(ProfileInput p)
    {
        var state = _step.State;
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

    /// <summary>Forgets what no later input can need. Runs after every input, so nothing it calls may allocate.</summary>
    private void Prune()
    {
        SentLog.Prune(_step);
        RecentEvents.Prune(_step);
        _step.State.Seen.RemoveOlderThan(_step.State.Clock - _step.Options.DedupeHorizon);
        _step.State.ReleaseEmptyLists();
    }
}
