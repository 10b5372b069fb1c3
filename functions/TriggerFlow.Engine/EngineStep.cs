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
/// The stages are static and share the step as their <see cref="StepContext"/>, so a step is one object.
/// </para>
/// </remarks>
internal sealed class EngineStep(DecisionEngine engine) : StepContext(engine.Book, engine.Options)
{
    private static readonly IReadOnlyDictionary<string, object?> NoProperties = new Dictionary<string, object?>();

    public IReadOnlyList<Decision> Decisions => (IReadOnlyList<Decision>?)Emitted ?? [];

    internal static IReadOnlyDictionary<string, object?> Empty => NoProperties;

    /// <summary>Applies <paramref name="input"/> to <paramref name="customer"/>, adding the decisions to <paramref name="decisions"/>.</summary>
    public void Run(CustomerState customer, EngineInput input, List<Decision>? decisions)
    {
        Begin(customer, decisions);
        try
        {
            AdvanceClock(input.ArrivalTime);
            switch (input)
            {
                case EventInput e:
                    ApplyEvent(e);
                    break;
                case ProfileInput p:
                    ApplyProfile(p);
                    break;
            }

            DueWork.Process(this, Watermark);
            Prune();
        }
        finally
        {
            End();
        }
    }

    private void ApplyEvent(EventInput e)
    {
        var state = State;

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

        if (!Book.Mentions(e.Name) && state.WindowsView.Count == 0)
        {
            return;
        }

        // The customer's own event time settles windows too: a window whose deadline this event
        // has reached is decided first, so the event cannot cancel or restart it (windows are half-open).
        DueWork.Process(this, Instant.Max(Watermark, e.EventTime));
        Tenure.Track(this, e);
        WindowProgress.Advance(this, e);
        WindowOpening.Open(this, e);
        RecentEvents.Remember(this, e);
    }

    private void ApplyProfile(ProfileInput p)
    {
        var state = State;
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
        SentLog.Prune(this);
        RecentEvents.Prune(this);
        State.Seen.RemoveOlderThan(State.Clock - Options.DedupeHorizon);
        State.ReleaseEmptyLists();
    }
}
