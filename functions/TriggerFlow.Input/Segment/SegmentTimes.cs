using NodaTime;
using TriggerFlow.Input.Time;

namespace TriggerFlow.Input.Segment;

/// <summary>
/// When a Segment call happened and when it arrived, by Segment's documented rule: a device's clock
/// can be wrong, so the event time is corrected for the skew between the device and the receiver,
/// <c>timestamp = receivedAt − (sentAt − originalTimestamp)</c>. Both the shared mapper and the
/// backtest's byte-level fast path decide times here, so they cannot disagree.
/// </summary>
internal static class SegmentTimes
{
    /// <param name="timestamp">The call's <c>timestamp</c>: the device's time, unless <paramref name="originalTimestamp"/> is also given.</param>
    /// <param name="originalTimestamp">The call's <c>originalTimestamp</c>: the device's time. With a <c>timestamp</c> beside it, the call was
    /// already corrected by the platform that received it (an export), so <c>timestamp</c> is taken as it is.</param>
    /// <param name="sentAt">The device's time when it sent the call (the call's own, else its batch's).</param>
    /// <param name="postedReceivedAt">The call's <c>receivedAt</c>: when the platform that exported it received it.</param>
    /// <param name="receivedByHost">When this host received the call (live); it wins over a posted <c>receivedAt</c>.</param>
    /// <param name="futureTolerance">How far past its arrival an event time may lie (<see cref="InputMapping.FutureTolerance"/>).</param>
    /// <param name="clamped">True when the event time lay further in the future and was set to the arrival time.</param>
    /// <returns>False when no time at all is known.</returns>
    public static bool TryResolve(Instant? timestamp, Instant? originalTimestamp, Instant? sentAt, Instant? postedReceivedAt, Instant? receivedByHost, Duration futureTolerance, out Instant eventTime, out Instant arrival, out bool clamped)
    {
        var received = receivedByHost ?? postedReceivedAt;
        Instant? happened = (timestamp, originalTimestamp) switch
        {
            ({ } corrected, not null) => corrected,
            (var device, var original) when (device ?? original) is { } clock =>
                sentAt is { } sent && received is { } at ? at - (sent - clock) : clock,
            _ => received,
        };

        eventTime = happened ?? default;
        arrival = received ?? sentAt ?? eventTime;
        clamped = FutureTimes.Clamp(ref eventTime, arrival, futureTolerance);
        return happened is not null;
    }
}
