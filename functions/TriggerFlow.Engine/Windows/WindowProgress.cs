using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.State;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.Windows;

/// <summary>
/// What an event does to the windows already open: it takes a sequence's next step, or cancels a
/// window that awaits its absence. Windows are half-open: an event at a window's deadline is outside it.
/// </summary>
internal static class WindowProgress
{
    public static void Advance(StepContext step, EventInput e)
    {
        var windows = step.State.WindowsView;
        for (var i = windows.Count - 1; i >= 0; i--)
        {
            var window = windows[i];
            if (step.PlanOf(window) is not { } plan)
            {
                continue;
            }

            if (window.Stage == WindowStage.Sequence)
            {
                if (IsNextStep(step, window, plan, e.Name, e.Properties, e.EventTime))
                {
                    WindowStages.TakeStep(window, plan, e.EventTime);
                    CatchUp(step, window, plan);
                }
            }
            else if (CancelledBy(step, window, plan, e.Name, e.Properties, e.EventTime))
            {
                windows.RemoveAt(i);
                step.Emit(new WindowClosed(e.EventTime, window.Rule, window.Version, window.WindowId, CloseReason.Cancelled, e.MessageId));
            }
        }
    }

    /// <summary>
    /// A window that has just opened, restarted or taken a step meets the events already applied
    /// that fall inside it in event time (they arrived before an out-of-order signal or step):
    /// the earliest takes each further step, and the earliest awaited-absent one cancels it.
    /// </summary>
    public static void CatchUp(StepContext step, PendingWindow window, RulePlan plan)
    {
        if (step.State.RecentView.Count == 0)
        {
            return;
        }

        while (window.Stage == WindowStage.Sequence && RecentEvents.Earliest(step, window, plan, TakesNextStep) is { } next)
        {
            WindowStages.TakeStep(window, plan, next.EventTime);
        }

        if (window.Stage == WindowStage.Waiting && RecentEvents.Earliest(step, window, plan, Cancels) is { } cancel)
        {
            step.State.Windows.Remove(window);
            step.Emit(new WindowClosed(cancel.EventTime, window.Rule, window.Version, window.WindowId, CloseReason.Cancelled, cancel.MessageId));
        }
    }

    private static bool TakesNextStep(StepContext step, PendingWindow window, RulePlan plan, RecentEvent e) =>
        IsNextStep(step, window, plan, e.Name, e.Properties, e.EventTime);

    private static bool Cancels(StepContext step, PendingWindow window, RulePlan plan, RecentEvent e) =>
        CancelledBy(step, window, plan, e.Name, e.Properties, e.EventTime);

    private static bool IsNextStep(StepContext step, PendingWindow window, RulePlan plan, string name, IReadOnlyDictionary<string, object?> properties, Instant at)
    {
        var next = plan.Sequence[window.Step];
        return next.Event.Name == name && at >= window.StageStart && at < window.Deadline && step.Matches(next.Event.Filter, properties, window.Signal);
    }

    private static bool CancelledBy(StepContext step, PendingWindow window, RulePlan plan, string name, IReadOnlyDictionary<string, object?> properties, Instant at)
    {
        for (var i = 0; i < plan.Absences.Count; i++)
        {
            var absence = plan.Absences[i];
            if (absence.Event.Name == name && at >= window.Anchor && at < window.Anchor + Duration.FromSeconds(absence.WithinSeconds)
                && step.Matches(absence.Event.Filter, properties, window.Signal))
            {
                return true;
            }
        }

        return false;
    }
}
