using System.Collections.Concurrent;

namespace TriggerFlow.Runtime.Tests.EndToEnd;

/// <summary>
/// Lets a test wait for a grain call to complete (a reminder tick, an acknowledgement) instead of
/// sleeping: an incoming call filter completes the waits armed for that method and grain key.
/// </summary>
internal sealed class GrainCallProbe : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(string Method, string Key), TaskCompletionSource> _waits = new();

    /// <summary>Arm before causing the call; await the result afterwards.</summary>
    public Task Next(string method, string grainKey) =>
        _waits.GetOrAdd((method, grainKey), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (_waits.TryRemove((context.MethodName, context.TargetId.Key.ToString()!), out var wait))
        {
            wait.TrySetResult();
        }
    }
}
