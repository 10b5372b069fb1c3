using NodaTime;
using TriggerFlow.Engine.Holds;

namespace TriggerFlow.Engine.Firing;

/// <summary>Decides every window and releases every held message that is due, one at a time in <see cref="Arbitration"/> order.</summary>
internal static class DueWork
{
    /// <param name="step">The step under way.</param>
    /// <param name="settled">
    /// How far event time is settled: a window that awaits an absence is due once its deadline is
    /// settled; any other window, and a held message, once the customer's clock has reached it.
    /// </param>
    public static void Process(StepContext step, Instant settled)
    {
        while (Arbitration.Next(step, settled) is { } due)
        {
            if (due.Window is { } window)
            {
                step.State.Windows.Remove(window);
                WindowFiring.Decide(step, window);
            }
            else
            {
                step.State.Held.Remove(due.Held!);
                HeldRelease.Release(step, due.Held!);
            }
        }
    }
}
