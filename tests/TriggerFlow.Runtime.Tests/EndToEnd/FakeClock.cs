using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace TriggerFlow.Runtime.Tests.EndToEnd;

/// <summary>Moving the fake clock the way real time moves: in small steps, until something happens.</summary>
internal static class FakeClock
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RealBudget = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Advances one step at a time until <paramref name="happened"/> completes, at most
    /// <paramref name="within"/> of fake time. Steps are needed because Orleans loads a reminder
    /// that is far off only when its table refresh runs, and then waits for the clock to reach
    /// the tick; one big jump of the clock would leave the loaded tick waiting for time to move.
    /// </summary>
    public static async Task AdvanceUntilAsync(this FakeTimeProvider time, Task happened, TimeSpan within)
    {
        var limit = time.GetUtcNow() + within;
        var real = Stopwatch.StartNew();
        while (!happened.IsCompleted)
        {
            Assert.True(time.GetUtcNow() < limit && real.Elapsed < RealBudget, $"nothing happened within {within} of fake time ({real.Elapsed.TotalSeconds:0}s real)");
            time.Advance(Step);

            // Gives the silo's schedulers a moment to act on the new time before the next step.
            await Task.WhenAny(happened, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        await happened;
    }
}
