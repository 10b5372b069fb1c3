using NodaTime;

namespace TriggerFlow.Simulation;

/// <summary>
/// The simulator's wake-ups in time order, built for a million customers: wake-ups are filed in
/// one-minute buckets (an append), and only the earliest bucket is kept as a heap, so scheduling
/// costs O(1) and taking the next due wake-up O(log of one minute's wake-ups), instead of a heap
/// over every customer. An entry may be stale — its customer was rescheduled since — and the
/// caller skips those, as with a plain priority queue.
/// </summary>
internal sealed class WakeUpCalendar<T>
{
    private static readonly long BucketTicks = Duration.FromMinutes(1).BclCompatibleTicks;
    private readonly Dictionary<long, List<(T Item, Instant At)>> _buckets = [];
    private readonly PriorityQueue<long, long> _keys = new();
    private readonly PriorityQueue<T, Instant> _current = new();
    private long? _currentKey;

    public int Count { get; private set; }

    public void Schedule(T item, Instant at)
    {
        Count++;
        var key = KeyOf(at);
        if (_currentKey is { } current && key <= current)
        {
            _current.Enqueue(item, at);
            return;
        }

        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = [];
            _buckets[key] = bucket;
            _keys.Enqueue(key, key);
        }

        bucket.Add((item, at));
    }

    /// <summary>Takes the earliest wake-up at or before <paramref name="time"/>, if there is one.</summary>
    public bool TryTakeDue(Instant time, out T item, out Instant at)
    {
        while (true)
        {
            if (_current.TryPeek(out item!, out at))
            {
                if (at > time)
                {
                    return false;
                }

                _current.Dequeue();
                Count--;
                return true;
            }

            _currentKey = null;
            var limit = KeyOf(time);
            if (!_keys.TryPeek(out var key, out _) || key > limit)
            {
                item = default!;
                at = default;
                return false;
            }

            _keys.Dequeue();
            _buckets.Remove(key, out var bucket);
            _current.EnqueueRange(bucket!);
            _currentKey = key;
        }
    }

    /// <summary>Forgets every wake-up, keeping the memory already grown for the next use.</summary>
    public void Clear()
    {
        _buckets.Clear();
        _keys.Clear();
        _current.Clear();
        _currentKey = null;
        Count = 0;
    }

    private static long KeyOf(Instant at)
    {
        var ticks = at.ToUnixTimeTicks();
        var key = ticks / BucketTicks;
        return ticks % BucketTicks < 0 ? key - 1 : key;
    }
}
