namespace TriggerFlow.Testing;

/// <summary>
/// The one bound on how long a test may wait in real time. A guard is there so that a hang (an
/// endless loop, a deadlock between threads, a host that never starts) fails its test with a
/// sentence instead of stalling the whole run; it is never a speed check. Tests run on busy,
/// shared machines (CI runners, two cores shared by several test runs), where honest work can
/// take many times longer than on a quiet one, so each limit is far above any honest run: only
/// a hang, or work that runs away (exponentially), reaches it. A test that means to bound work
/// bounds it by steps, counts or allocations instead; speed belongs in the benchmarks.
/// </summary>
internal static class HangGuard
{
    /// <summary>In-process work that finishes in milliseconds to seconds (parsing, reading, threads handing over items).</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Waits on real processes, real sockets and real-time windows: starting a host, a window of
    /// seconds closing, a cluster noticing a killed silo. Each of these can take tens of seconds
    /// on a busy machine before anything is wrong.
    /// </summary>
    public static readonly TimeSpan EndToEndLimit = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool and fails if it has not finished within
    /// <see cref="Limit"/>. The thread pool's smaller stack is deliberate, as the engine may parse on it.
    /// </summary>
    public static async Task<T> Within<T>(string what, Func<T> work)
    {
        var task = Task.Run(work);
        var finished = await Task.WhenAny(task, Task.Delay(Limit));
        Assert.True(finished == task, $"{what} did not finish within {Limit.TotalSeconds:N0} s: it hangs or runs away");
        return await task;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a thread of its own (so a deadlock cannot starve the pool the
    /// test runner needs) and fails if it has not finished within <see cref="Limit"/>.
    /// </summary>
    public static T OnOwnThread<T>(string what, Func<T> work)
    {
        var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(task.Wait(Limit), $"{what} did not finish within {Limit.TotalSeconds:N0} s: it hangs");
        return task.GetAwaiter().GetResult();
    }
}
