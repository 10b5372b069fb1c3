using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.Windows;

/// <summary>
/// Tenure (<c>within 90d of first purchase</c>): when each rule's tenure event first happened, and
/// whether a signal falls in the span that tenure allows.
/// </summary>
internal static class Tenure
{
    /// <summary>Keeps, for each rule with tenure, the earliest event time of its tenure event (events may arrive out of order).</summary>
    public static void Track(StepContext step, EventInput e)
    {
        var state = step.State;
        var withTenure = step.Book.WithTenure;
        for (var i = 0; i < withTenure.Count; i++)
        {
            var plan = withTenure[i];
            var tenure = plan.Tenure!;
            if (tenure.Event.Name == e.Name && step.Matches(tenure.Event.Filter, e.Properties, e.Properties)
                && (state.TenureStartOrNull is not { } known || !known.TryGetValue(plan.Name, out var start) || e.EventTime < start))
            {
                state.TenureStart[plan.Name] = e.EventTime;
            }
        }
    }

    /// <summary>Whether <paramref name="plan"/> has tenure and <paramref name="at"/> is outside it: before its event ever happened, or past its span.</summary>
    public static bool Excludes(StepContext step, RulePlan plan, Instant at) =>
        plan.Tenure is { } tenure
        && (step.State.TenureStartOrNull is not { } known || !known.TryGetValue(plan.Name, out var start) || at >= start + Duration.FromSeconds(tenure.WithinSeconds));
}
