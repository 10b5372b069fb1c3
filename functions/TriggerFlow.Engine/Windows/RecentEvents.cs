using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.State;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.Windows;

/// <summary>
/// The applied events some rule awaits (a sequence step, an absence), remembered while a signal that
/// happened before them can still arrive: the window it opens must meet them (<see cref="WindowProgress.CatchUp"/>).
/// </summary>
internal static class RecentEvents
{
    public static void Remember(StepContext step, EventInput e)
    {
        if (step.Book.Awaits(e.Name))
        {
            step.State.Recent.Add(new RecentEvent(e.MessageId, e.Name, e.Properties, e.EventTime));
        }
    }

    /// <summary>The earliest remembered event that <paramref name="matches"/> the window; of equal times, the first remembered.</summary>
    public static RecentEvent? Earliest(StepContext step, PendingWindow window, RulePlan plan, Func<StepContext, PendingWindow, RulePlan, RecentEvent, bool> matches)
    {
        RecentEvent? earliest = null;
        var recent = step.State.RecentView;
        for (var i = 0; i < recent.Count; i++)
        {
            var candidate = recent[i];
            if ((earliest is null || candidate.EventTime < earliest.EventTime) && matches(step, window, plan, candidate))
            {
                earliest = candidate;
            }
        }

        return earliest;
    }

    /// <summary>Forgets the events older than the watermark: they fall in no window a future signal opens, as signals that old are late.</summary>
    public static void Prune(StepContext step)
    {
        var watermark = step.Watermark;
        var recent = step.State.RecentView;
        for (var i = recent.Count - 1; i >= 0; i--)
        {
            if (recent[i].EventTime < watermark)
            {
                recent.RemoveAt(i);
            }
        }
    }
}
