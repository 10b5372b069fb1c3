using NodaTime;

namespace TriggerFlow.Simulation.Tests;

/// <summary>
/// <see cref="WakeUpCalendar{T}"/> against the plainest possible calendar, a sorted set of
/// (time, item): random interleavings of scheduling and taking, with times from nanoseconds to
/// days apart, around minute boundaries and before 1970, and scheduling while the calendar drains.
/// </summary>
public sealed class WakeUpCalendarTests
{
    private static readonly Instant Origin = Instant.FromUtc(2026, 7, 1, 9, 30, 0);

    [Fact]
    public void Empty_calendar_has_nothing_due()
    {
        var calendar = new WakeUpCalendar<int>();

        Assert.False(calendar.TryTakeDue(Instant.MaxValue, out _, out _));
        Assert.Equal(0, calendar.Count);
    }

    [Fact]
    public void Wake_ups_come_out_in_time_order_across_minutes_and_days()
    {
        var calendar = new WakeUpCalendar<string>();
        calendar.Schedule("day", Origin + Duration.FromDays(1));
        calendar.Schedule("second", Origin + Duration.FromSeconds(1));
        calendar.Schedule("minute", Origin + Duration.FromMinutes(1));
        calendar.Schedule("start", Origin);
        calendar.Schedule("59s", Origin + Duration.FromSeconds(59));
        calendar.Schedule("hour", Origin + Duration.FromHours(1));
        calendar.Schedule("before", Origin - Duration.FromNanoseconds(1));

        var taken = new List<string>();
        while (calendar.TryTakeDue(Origin + Duration.FromDays(2), out var item, out _))
        {
            taken.Add(item);
        }

        Assert.Equal(["before", "start", "second", "59s", "minute", "hour", "day"], taken);
        Assert.Equal(0, calendar.Count);
    }

    [Fact]
    public void Wake_up_is_due_at_exactly_its_time_and_not_a_nanosecond_before()
    {
        var calendar = new WakeUpCalendar<int>();
        var at = Origin + Duration.FromSeconds(30);
        calendar.Schedule(1, at);

        Assert.False(calendar.TryTakeDue(at - Duration.FromNanoseconds(1), out _, out _));
        Assert.Equal(1, calendar.Count);

        Assert.True(calendar.TryTakeDue(at, out var item, out var when));
        Assert.Equal(1, item);
        Assert.Equal(at, when);
        Assert.Equal(0, calendar.Count);
    }

    [Fact]
    public void Wake_up_scheduled_while_draining_is_taken_in_its_place()
    {
        var calendar = new WakeUpCalendar<string>();
        calendar.Schedule("a", Origin + Duration.FromSeconds(10));
        calendar.Schedule("c", Origin + Duration.FromSeconds(30));
        calendar.Schedule("next minute", Origin + Duration.FromSeconds(70));

        var now = Origin + Duration.FromSeconds(40);
        Assert.True(calendar.TryTakeDue(now, out var first, out _));
        Assert.Equal("a", first);

        // Into the minute being drained, at a time already passed, and at exactly now.
        calendar.Schedule("b", Origin + Duration.FromSeconds(20));
        calendar.Schedule("earlier minute", Origin - Duration.FromMinutes(5));
        calendar.Schedule("now", now);
        calendar.Schedule("later", Origin + Duration.FromSeconds(50));

        var taken = new List<string>();
        while (calendar.TryTakeDue(now, out var item, out _))
        {
            taken.Add(item);
        }

        Assert.Equal(["earlier minute", "b", "c", "now"], taken);
        Assert.Equal(2, calendar.Count);

        Assert.True(calendar.TryTakeDue(Origin + Duration.FromMinutes(2), out var later, out _));
        Assert.Equal("later", later);
        Assert.True(calendar.TryTakeDue(Origin + Duration.FromMinutes(2), out var nextMinute, out _));
        Assert.Equal("next minute", nextMinute);
        Assert.Equal(0, calendar.Count);
    }

    [Fact]
    public void Stale_entries_are_kept_and_counted_like_any_other()
    {
        // The calendar does not deduplicate: a rescheduled item is in it twice, and both come out.
        var calendar = new WakeUpCalendar<string>();
        calendar.Schedule("x", Origin + Duration.FromMinutes(3));
        calendar.Schedule("x", Origin + Duration.FromMinutes(1));

        Assert.Equal(2, calendar.Count);
        Assert.True(calendar.TryTakeDue(Origin + Duration.FromMinutes(5), out _, out var first));
        Assert.True(calendar.TryTakeDue(Origin + Duration.FromMinutes(5), out _, out var second));
        Assert.Equal(Origin + Duration.FromMinutes(1), first);
        Assert.Equal(Origin + Duration.FromMinutes(3), second);
    }

    [Fact]
    public void Times_before_1970_are_bucketed_in_order()
    {
        var epoch = Instant.FromUnixTimeTicks(0);
        var times = new[]
        {
            epoch - Duration.FromMinutes(1) - Duration.FromNanoseconds(1),
            epoch - Duration.FromMinutes(1),
            epoch - Duration.FromSeconds(59),
            epoch - Duration.FromNanoseconds(150),
            epoch - Duration.FromNanoseconds(1),
            epoch,
            epoch + Duration.FromNanoseconds(1),
            epoch + Duration.FromMinutes(1) - Duration.FromNanoseconds(1),
            epoch + Duration.FromMinutes(1),
        };
        var calendar = new WakeUpCalendar<int>();
        foreach (var i in new[] { 4, 8, 0, 6, 2, 7, 1, 5, 3 })
        {
            calendar.Schedule(i, times[i]);
        }

        // Taken at each time in turn: exactly one is due at each, and it is that one.
        for (var i = 0; i < times.Length; i++)
        {
            Assert.True(calendar.TryTakeDue(times[i], out var item, out var at));
            Assert.Equal(i, item);
            Assert.Equal(times[i], at);
            Assert.False(calendar.TryTakeDue(times[i], out _, out _));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Random_interleavings_match_the_reference(int seed)
    {
        var random = new Random(seed);
        var calendar = new WakeUpCalendar<int>();
        var reference = new Reference();
        var now = seed % 2 == 0 ? Origin : Instant.FromUnixTimeTicks(0) - Duration.FromHours(1);
        var next = 0;
        var taken = 0;

        for (var step = 0; step < 4000; step++)
        {
            switch (random.Next(10))
            {
                case < 5: // schedule a few
                    for (var n = random.Next(1, 6); n > 0; n--)
                    {
                        var at = Near(random, now);
                        calendar.Schedule(next, at);
                        reference.Schedule(next++, at);
                    }

                    break;

                case < 8: // the clock moves on, and everything due is drained, with wake-ups scheduled as it drains
                    now += Step(random);
                    var last = Instant.MinValue;
                    while (true)
                    {
                        var took = Take(calendar, reference, now);
                        Assert.Equal(reference.Count, calendar.Count);
                        if (took is not { } at)
                        {
                            break;
                        }

                        taken++;
                        var scheduledBefore = false;
                        if (random.Next(3) == 0)
                        {
                            var wake = Near(random, now);
                            scheduledBefore = wake < at;
                            calendar.Schedule(next, wake);
                            reference.Schedule(next++, wake);
                        }

                        if (at < last)
                        {
                            Assert.Fail($"{at} taken after {last}");
                        }

                        last = scheduledBefore ? Instant.MinValue : at;
                    }

                    break;

                default: // a single take, sometimes at a time already passed
                    var time = random.Next(4) == 0 ? now - Step(random) : now;
                    if (Take(calendar, reference, time) is not null)
                    {
                        taken++;
                    }

                    break;
            }

            Assert.Equal(reference.Count, calendar.Count);
        }

        // Everything left comes out, in order, at the end of time.
        var end = Instant.MinValue;
        while (Take(calendar, reference, Instant.MaxValue) is { } at)
        {
            Assert.True(at >= end);
            end = at;
            taken++;
        }

        Assert.Equal(0, calendar.Count);
        Assert.Equal(0, reference.Count);
        Assert.Equal(next, taken);
    }

    [Fact]
    public void Many_wake_ups_at_the_same_few_times_all_come_out()
    {
        var random = new Random(99);
        var calendar = new WakeUpCalendar<int>();
        var reference = new Reference();
        var times = Enumerable.Range(0, 5).Select(i => Origin + Duration.FromSeconds(i * 30)).ToArray();
        for (var i = 0; i < 5000; i++)
        {
            var at = times[random.Next(times.Length)];
            calendar.Schedule(i, at);
            reference.Schedule(i, at);
        }

        foreach (var time in times)
        {
            while (Take(calendar, reference, time) is not null)
            {
            }

            Assert.Equal(reference.Count, calendar.Count);
        }

        Assert.Equal(0, calendar.Count);
    }

    /// <summary>
    /// One take from both: the calendar must have something due exactly when the reference does,
    /// at the reference's earliest time, and an item scheduled for that time (ties in any order).
    /// </summary>
    private static Instant? Take(WakeUpCalendar<int> calendar, Reference reference, Instant time)
    {
        var expected = reference.Earliest();
        var due = expected is { } earliest && earliest <= time;
        var took = calendar.TryTakeDue(time, out var item, out var at);

        // Messages built only on failure: formatting instants on every take would dominate the run.
        if (due != took)
        {
            Assert.Fail($"at {time}: calendar {(took ? $"took {item} at {at}" : "took nothing")}, reference earliest {expected?.ToString() ?? "none"}");
        }

        if (!took)
        {
            return null;
        }

        Assert.Equal(expected, at);
        if (!reference.Remove(item, at))
        {
            Assert.Fail($"item {item} at {at} was not scheduled at that time, or was already taken");
        }

        return at;
    }

    /// <summary>A wake-up time around <paramref name="now"/>: the same instant, the same minute, earlier, or up to days later.</summary>
    private static Instant Near(Random random, Instant now) => random.Next(12) switch
    {
        0 => now,
        1 => now - Duration.FromNanoseconds(random.Next(1, 1_000_000)),
        2 => now - Duration.FromSeconds(random.Next(1, 200)),
        3 => now - Duration.FromMinutes(random.Next(1, 60 * 24)),
        4 => now + Duration.FromNanoseconds(random.Next(1, 1_000_000)),
        5 => now + Duration.FromSeconds(random.Next(1, 60)),
        6 => now + Duration.FromSeconds(random.Next(60, 600)),
        7 => now + Duration.FromMinutes(random.Next(1, 600)),
        8 => now + Duration.FromDays(random.Next(1, 4)) + Duration.FromSeconds(random.Next(86_400)),
        9 => MinuteBoundary(now, random.Next(-2, 3)) - Duration.FromNanoseconds(random.Next(0, 2)),
        10 => MinuteBoundary(now, random.Next(-2, 3)),
        _ => now + Duration.FromMilliseconds(random.Next(-90_000, 90_000)),
    };

    /// <summary>How far the clock moves: mostly seconds, sometimes minutes, hours or a day.</summary>
    private static Duration Step(Random random) => random.Next(10) switch
    {
        0 => Duration.Zero,
        < 5 => Duration.FromMilliseconds(random.Next(1, 60_000)),
        < 8 => Duration.FromSeconds(random.Next(60, 3600)),
        < 9 => Duration.FromHours(random.Next(1, 12)),
        _ => Duration.FromDays(1),
    };

    private static Instant MinuteBoundary(Instant now, int minutes)
    {
        var ticks = now.ToUnixTimeTicks();
        var minute = NodaConstants.TicksPerMinute;
        var floor = ticks - (((ticks % minute) + minute) % minute);
        return Instant.FromUnixTimeTicks(floor) + Duration.FromMinutes(minutes);
    }

    /// <summary>The obvious calendar: every wake-up in one sorted set, the earliest first.</summary>
    private sealed class Reference
    {
        private readonly SortedSet<(Instant At, int Item)> _entries = [];

        public int Count => _entries.Count;

        public void Schedule(int item, Instant at) => Assert.True(_entries.Add((at, item)));

        public Instant? Earliest() => _entries.Count == 0 ? null : _entries.Min.At;

        public bool Remove(int item, Instant at) => _entries.Remove((at, item));
    }
}
