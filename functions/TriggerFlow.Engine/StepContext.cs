using NodaTime;
using TriggerFlow.Engine.Conditions;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.State;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine;

/// <summary>
/// What the stages of one step share: the rules, the customer being advanced, the decisions so
/// far and how far event time is settled. Handed by reference to every stage and reset for each
/// input, so sharing them allocates nothing per input.
/// </summary>
/// <remarks>
/// <see cref="EngineStep"/> is its own context (it derives from this class rather than holding
/// one): <see cref="DecisionEngine.Apply(CustomerState, EngineInput)"/> makes a step per input, and
/// so allocates one object for it, not two. Not sealed for that reason alone.
/// </remarks>
internal class StepContext(RuleBook book, EngineOptions options)
{
    public RuleBook Book { get; } = book;

    public EngineOptions Options { get; } = options;

    /// <summary>The customer the current input is applied to; null between inputs.</summary>
    public CustomerState State { get; private set; } = null!;

    /// <summary>The decisions emitted so far: the caller's list, or one made on the first decision; null while there are none.</summary>
    public List<Decision>? Emitted { get; private set; }

    /// <summary>
    /// How far event time is settled: events older than this can no longer arrive (they would be late).
    /// Computed once per input: the clock only moves at the start of a step.
    /// </summary>
    public Instant Watermark { get; private set; }

    public void Begin(CustomerState state, List<Decision>? decisions)
    {
        State = state;
        Emitted = decisions;
    }

    /// <summary>Lets go of the customer; the decisions stay readable until the next input.</summary>
    public void End() => State = null!;

    /// <summary>Moves the customer's clock to the input's arrival (never back) and settles the watermark from it.</summary>
    public void AdvanceClock(Instant arrival)
    {
        if (arrival > State.Clock)
        {
            State.Clock = arrival;
        }

        Watermark = State.Clock - Options.AllowedLateness;
    }

    public void Emit(Decision decision) => (Emitted ??= []).Add(decision);

    /// <summary>Whether <paramref name="condition"/> (none is true) holds for an event, a signal and the customer's profile.</summary>
    public bool Matches(ConditionPlan? condition, IReadOnlyDictionary<string, object?> eventProperties, IReadOnlyDictionary<string, object?> signal) =>
        condition is null || ConditionEvaluator.Evaluate(condition, new ConditionScope(eventProperties, signal, State.ProfileView));

    /// <summary>The plan version a window opened under; null when that version is no longer deployed.</summary>
    public RulePlan? PlanOf(PendingWindow window) => Book.Version(window.Rule, window.Version);
}
