using NodaTime;
using TriggerFlow.Engine.State;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.Tests.Support;

/// <summary>A step's context set up as the engine sets it for one input, for testing a stage on its own.</summary>
internal static class Steps
{
    public static StepContext For(PlanSet plans, CustomerState state, Instant clock, EngineOptions? options = null)
    {
        var step = new StepContext(new RuleBook(plans), options ?? new EngineOptions());
        step.Begin(state, null);
        step.AdvanceClock(clock);
        return step;
    }
}
