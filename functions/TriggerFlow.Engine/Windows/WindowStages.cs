using NodaTime;
using TriggerFlow.Engine.Experiments;
using TriggerFlow.Engine.State;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.Windows;

/// <summary>
/// A window's stages and deadlines: the steps of a presence sequence, each within its span of the
/// one before, then the wait (absence span or recency delay, plus any fixed wait) until it fires.
/// </summary>
internal static class WindowStages
{
    /// <summary>Starts (or restarts) a window at its signal's time <paramref name="at"/>.</summary>
    public static void Begin(PendingWindow window, RulePlan plan, Instant at)
    {
        window.Anchor = at;
        window.StageStart = at;
        window.Step = 0;
        if (plan.Sequence.Count > 0)
        {
            window.Stage = WindowStage.Sequence;
            window.Deadline = at + Duration.FromSeconds(plan.Sequence[0].WithinSeconds);
            window.AwaitsAbsence = true;
            return;
        }

        EnterWaiting(window, plan, at);
    }

    /// <summary>The awaited sequence step happened at <paramref name="at"/>: await the next, or wait once the last is taken.</summary>
    public static void TakeStep(PendingWindow window, RulePlan plan, Instant at)
    {
        window.StageStart = at;
        window.Step++;
        if (window.Step < plan.Sequence.Count)
        {
            window.Deadline = at + Duration.FromSeconds(plan.Sequence[window.Step].WithinSeconds);
            return;
        }

        EnterWaiting(window, plan, at);
    }

    /// <summary>The last stage: the absence span (or recency delay), then the fixed wait, measured from <paramref name="anchor"/>.</summary>
    private static void EnterWaiting(PendingWindow window, RulePlan plan, Instant anchor)
    {
        var span = plan.Signal.AfterSeconds ?? 0;
        for (var i = 0; i < plan.Absences.Count; i++)
        {
            span = Math.Max(span, plan.Absences[i].WithinSeconds);
        }

        var wait = Variants.Of(plan, window.Variant)?.WaitSeconds ?? plan.WaitSeconds ?? 0;
        window.Stage = WindowStage.Waiting;
        window.Anchor = anchor;
        window.Deadline = anchor + Duration.FromSeconds(span + wait);
        window.AwaitsAbsence = span > 0;
    }
}
