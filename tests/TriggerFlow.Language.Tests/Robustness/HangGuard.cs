namespace TriggerFlow.Language.Tests.Robustness;

/// <summary>
/// Runs one hostile case on the thread pool and fails it if it has not finished in a generous
/// bound. This detects hangs and runaway work, not slowness: real cases finish in milliseconds.
/// The thread pool's smaller stack is deliberate, as the engine may parse on it.
/// </summary>
internal static class HangGuard
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static async Task<T> Within<T>(string what, Func<T> work)
    {
        var task = Task.Run(work);
        var finished = await Task.WhenAny(task, Task.Delay(Limit));
        Assert.True(finished == task, $"{what} did not finish within {Limit.TotalSeconds:N0} s: it hangs or runs away");
        return await task;
    }
}
