using NodaTime;
using TriggerFlow.Input.Segment;

namespace TriggerFlow.Input.Tests.Segment;

/// <summary>Segment's documented clock-skew correction: timestamp = receivedAt − (sentAt − originalTimestamp).</summary>
public sealed class SegmentTimesTests
{
    private static readonly Instant Received = Instant.FromUtc(2026, 7, 1, 12, 0, 0);
    private static readonly Duration Tolerance = InputMapping.DefaultFutureTolerance;

    [Fact]
    public void A_device_clock_an_hour_fast_is_corrected_by_the_skew_between_sending_and_receiving()
    {
        var device = Instant.FromUtc(2026, 7, 1, 12, 59, 50);
        var sent = Instant.FromUtc(2026, 7, 1, 13, 0, 0);

        Assert.True(SegmentTimes.TryResolve(device, null, sent, null, Received, Tolerance, out var eventTime, out var arrival, out _));

        Assert.Equal(Instant.FromUtc(2026, 7, 1, 11, 59, 50), eventTime);
        Assert.Equal(Received, arrival);
    }

    [Fact]
    public void The_original_timestamp_is_the_device_time_when_no_timestamp_is_given()
    {
        var original = Instant.FromUtc(2026, 7, 1, 11, 0, 0);
        var sent = Instant.FromUtc(2026, 7, 1, 11, 30, 0);

        Assert.True(SegmentTimes.TryResolve(null, original, sent, null, Received, Tolerance, out var eventTime, out _, out _));

        Assert.Equal(Instant.FromUtc(2026, 7, 1, 11, 30, 0), eventTime);
    }

    [Fact]
    public void A_timestamp_beside_an_original_timestamp_was_already_corrected_and_is_taken_as_it_is()
    {
        var corrected = Instant.FromUtc(2026, 7, 1, 11, 0, 0);
        var original = Instant.FromUtc(2026, 7, 1, 14, 0, 0);

        Assert.True(SegmentTimes.TryResolve(corrected, original, original, Received, null, Tolerance, out var eventTime, out var arrival, out _));

        Assert.Equal(corrected, eventTime);
        Assert.Equal(Received, arrival);
    }

    [Fact]
    public void Without_sent_at_the_device_time_stands()
    {
        var device = Instant.FromUtc(2026, 7, 1, 10, 0, 0);

        Assert.True(SegmentTimes.TryResolve(device, null, null, null, Received, Tolerance, out var eventTime, out _, out _));

        Assert.Equal(device, eventTime);
    }

    [Fact]
    public void In_a_file_the_posted_received_at_is_the_receipt_and_the_host_receipt_wins_when_live()
    {
        var device = Instant.FromUtc(2026, 7, 1, 10, 0, 0);
        var sent = Instant.FromUtc(2026, 7, 1, 10, 0, 5);
        var posted = Instant.FromUtc(2026, 7, 1, 10, 0, 6);

        Assert.True(SegmentTimes.TryResolve(device, null, sent, posted, null, Tolerance, out var fromFile, out var fileArrival, out _));
        Assert.True(SegmentTimes.TryResolve(device, null, sent, posted, Received, Tolerance, out var live, out var liveArrival, out _));

        Assert.Equal((device + Duration.FromSeconds(1), posted), (fromFile, fileArrival));
        Assert.Equal((Received - Duration.FromSeconds(5), Received), (live, liveArrival));
    }

    [Fact]
    public void With_no_time_at_all_there_is_no_event_time()
    {
        Assert.False(SegmentTimes.TryResolve(null, null, Instant.FromUtc(2026, 7, 1, 10, 0, 0), null, null, Tolerance, out _, out _, out _));
    }

    [Fact]
    public void A_device_clock_set_to_2099_without_sent_at_is_set_to_the_arrival_and_said_so()
    {
        var wrong = Instant.FromUtc(2099, 1, 1, 0, 0, 0);

        Assert.True(SegmentTimes.TryResolve(wrong, null, null, null, Received, Tolerance, out var eventTime, out _, out var clamped));

        Assert.Equal((Received, true), (eventTime, clamped));
    }

    [Fact]
    public void An_event_time_within_the_tolerance_past_the_arrival_stands()
    {
        var soon = Received + Tolerance;

        Assert.True(SegmentTimes.TryResolve(soon, null, null, null, Received, Tolerance, out var eventTime, out _, out var clamped));

        Assert.Equal((soon, false), (eventTime, clamped));
    }
}
