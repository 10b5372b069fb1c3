using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace TriggerFlow.Simulation.Input;

/// <summary>
/// Runs an enumeration on a thread of its own, a bounded number of batches ahead of its consumer:
/// reading and parsing an events file then overlaps with the engine deciding on the records
/// already read. Order is kept; an exception of the source reaches the consumer as thrown; a
/// consumer that stops early stops the reader before the enumeration is disposed.
/// </summary>
internal static class ReadAhead
{
    public const int BatchSize = 1024;

    /// <summary>Batches in flight: enough to absorb jitter, few enough that memory stays flat.</summary>
    public const int Depth = 16;

    public static IEnumerable<T> Of<T>(IEnumerable<T> source, string threadName)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var queue = new BlockingCollection<T[]>(Depth);
        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        var reader = new Thread(() =>
        {
            var batch = new List<T>(BatchSize);
            try
            {
                foreach (var item in source)
                {
                    batch.Add(item);
                    if (batch.Count == BatchSize)
                    {
                        queue.Add([.. batch], stop.Token);
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    queue.Add([.. batch], stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early: nothing more is wanted.
            }
            catch (Exception e)
            {
                // What was read before the failure still reaches the consumer, then the failure.
                failure = e;
                if (batch.Count > 0 && !stop.IsCancellationRequested)
                {
                    queue.Add([.. batch]);
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = threadName,
        };
        reader.Start();
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable())
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
            }

            reader.Join();
            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            stop.Cancel();
            reader.Join();
        }
    }
}
