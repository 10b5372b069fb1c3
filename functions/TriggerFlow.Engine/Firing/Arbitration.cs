using NodaTime;
using TriggerFlow.Engine.State;

namespace TriggerFlow.Engine.Firing;

/// <summary>
/// Which due item goes first: the earliest; at one instant, the higher priority, then the rule name.
/// Windows and held messages are ordered together, so messages released at one moment go out like
/// windows due at one moment: highest priority first. The order decides collisions (the first to
/// send wins) and the order of the decisions.
/// </summary>
internal static class Arbitration
{
    /// <summary>The first due window or held message; null when nothing is due.</summary>
    public static (PendingWindow? Window, HeldMessage? Held)? Next(StepContext step, Instant settled)
    {
        var clock = step.State.Clock;
        PendingWindow? window = null;
        foreach (var w in step.State.WindowsView)
        {
            var isDue = w.AwaitsAbsence ? w.Deadline <= settled : w.Deadline <= clock || w.Deadline <= settled;
            if (isDue && (window is null || Earlier(w.Deadline, PriorityOf(step, w), w.Rule, window.Deadline, PriorityOf(step, window), window.Rule)))
            {
                window = w;
            }
        }

        HeldMessage? held = null;
        foreach (var h in step.State.HeldView)
        {
            if (h.ReleaseAt <= clock && (held is null || Earlier(h.ReleaseAt, h.Priority, h.Message.Rule, held.ReleaseAt, held.Priority, held.Message.Rule)))
            {
                held = h;
            }
        }

        if (window is null && held is null)
        {
            return null;
        }

        return held is not null && (window is null || Earlier(held.ReleaseAt, held.Priority, held.Message.Rule, window.Deadline, PriorityOf(step, window), window.Rule))
            ? (null, held)
            : (window, null);
    }

    /// <summary>Whether item a goes before item b: earlier time first; at one time, higher priority, then name. Equal keys are not earlier, so the first found stays first.</summary>
    public static bool Earlier(Instant a, int priorityA, string ruleA, Instant b, int priorityB, string ruleB) =>
        a != b ? a < b
        : priorityA != priorityB ? priorityA > priorityB
        : string.CompareOrdinal(ruleA, ruleB) < 0;

    /// <summary>The priority of the plan the window opened under; 0 when that version is gone.</summary>
    private static int PriorityOf(StepContext step, PendingWindow window) => step.PlanOf(window)?.Priority ?? 0;
}
