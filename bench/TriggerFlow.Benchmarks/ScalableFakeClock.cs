namespace TriggerFlow.Benchmarks;

/// <summary>
/// A manual clock for benchmarks with hundreds of thousands of timers. <c>FakeTimeProvider</c>
/// (Microsoft.Extensions.TimeProvider.Testing 10.11) keeps its timers in a set and scans all of
/// them for every timer it adds and for every timer it fires, which is quadratic: with 100,000
/// reminders waiting on the same deadline the clock itself takes minutes. This one keeps timers in
/// a priority queue by due time (changed or disposed timers leave stale entries that are skipped),
/// so adding or firing a timer costs a logarithm. As with <c>FakeTimeProvider</c>, time moves only
/// in <see cref="Advance"/>, which runs the callbacks of every timer due by then, earliest first,
/// on the calling thread; a timer created already due fires on the thread pool.
/// </summary>
internal sealed class ScalableFakeClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<(ManualTimer Timer, long Version), long> _queue = new();
    private long _now = start.UtcTicks;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _now), TimeSpan.Zero);

    public override long GetTimestamp() => Volatile.Read(ref _now);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time on by <paramref name="delta"/> and fires what fell due.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_gate)
        {
            _now += delta.Ticks;
        }

        while (true)
        {
            ManualTimer timer;
            lock (_gate)
            {
                if (!_queue.TryPeek(out var entry, out var at) || at > _now)
                {
                    return;
                }

                _queue.Dequeue();
                if (!entry.Timer.Due(entry.Version, _now, out var next))
                {
                    continue;
                }

                if (next is { } again)
                {
                    _queue.Enqueue(entry, again);
                }

                timer = entry.Timer;
            }

            timer.Fire();
        }
    }

    private void Schedule(ManualTimer timer, long version, TimeSpan dueTime)
    {
        bool now;
        lock (_gate)
        {
            now = dueTime <= TimeSpan.Zero;
            if (!now)
            {
                _queue.Enqueue((timer, version), _now + dueTime.Ticks);
            }
        }

        if (now && timer.Due(version, Volatile.Read(ref _now), out var next))
        {
            if (next is { } again)
            {
                lock (_gate)
                {
                    _queue.Enqueue((timer, version), again);
                }
            }

            ThreadPool.UnsafeQueueUserWorkItem(static t => t.Fire(), timer, preferLocal: false);
        }
    }

    private sealed class ManualTimer(ScalableFakeClock clock, TimerCallback callback, object? state) : ITimer
    {
        private readonly Lock _gate = new();
        private long _version;
        private long _period;
        private bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            long version;
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }

                version = ++_version;
                _period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            }

            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                clock.Schedule(this, version, dueTime);
            }

            return true;
        }

        /// <summary>True when the entry of <paramref name="version"/> is still current; <paramref name="next"/> is when a periodic timer fires again.</summary>
        public bool Due(long version, long now, out long? next)
        {
            lock (_gate)
            {
                next = null;
                if (_disposed || version != _version)
                {
                    return false;
                }

                if (_period > 0)
                {
                    next = now + _period;
                }

                return true;
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _version++;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
