using Microsoft.Extensions.Time.Testing;
using TriggerFlow.Testing;

namespace TriggerFlow.Runtime.Tests.EndToEnd;

/// <summary>Moving the fake clock the way real time moves: in small steps, until something happens.</summary>
internal static class FakeClock
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    /// <summary>The least real time the silo gets to act on each step.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    /// <summary>The most pauses one step waits for the thread pool to drain: other tests share the pool and may keep it busy.</summary>
    private const int MostPauses = 50;

    /// <summary>
    /// Advances one step at a time until <paramref name="happened"/> completes, the clock going at most
    /// <paramref name="within"/> of fake time further. Steps are needed because Orleans loads a reminder
    /// that is far off only when its table refresh runs, and then waits for the clock to reach the
    /// tick; one big jump of the clock would leave the loaded tick waiting for time to move.
    /// </summary>
    /// <remarks>
    /// The fake-time bound is what the test asserts; real time is no part of it. The clock never runs
    /// past the bound, and each step waits until the silo has picked up what the step made due, so a
    /// busy machine makes the run slower, not failed: once the clock is at the bound, whatever was due
    /// by then is the silo's to deliver, and only the end-to-end hang guard stops the wait.
    /// </remarks>
    public static async Task AdvanceUntilAsync(this FakeTimeProvider time, Task happened, TimeSpan within)
    {
        var limit = time.GetUtcNow() + within;
        while (!happened.IsCompleted && time.GetUtcNow() < limit)
        {
            var step = limit - time.GetUtcNow();
            time.Advance(step < Step ? step : Step);
            await SettleAsync(happened);
        }

        var finished = await Task.WhenAny(happened, Task.Delay(HangGuard.EndToEndLimit));
        Assert.True(finished == happened, $"nothing happened within {within} of fake time (waited {HangGuard.EndToEndLimit.TotalSeconds:0} s in real time at the bound)");
        await happened;
    }

    /// <summary>
    /// Gives the silo's schedulers time to act on the new time before the next step: a short pause,
    /// then until the thread pool has taken up its queued work (the timer callbacks the step ran post
    /// their work there), which takes longer the busier the machine is.
    /// </summary>
    private static async Task SettleAsync(Task happened)
    {
        await Task.WhenAny(happened, Task.Delay(Pause));
        for (var pauses = 1; !happened.IsCompleted && ThreadPool.PendingWorkItemCount > 0 && pauses < MostPauses; pauses++)
        {
            await Task.WhenAny(happened, Task.Delay(Pause));
        }
    }
}
