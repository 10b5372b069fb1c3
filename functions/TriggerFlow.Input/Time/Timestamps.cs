using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace TriggerFlow.Input.Time;

/// <summary>Reads the timestamps events files carry: ISO 8601, and in CSV also epoch seconds or milliseconds.</summary>
internal static class Timestamps
{
    /// <summary>
    /// Epoch values at or above this are milliseconds: 1e11 seconds is the year 5138, while 1e11
    /// milliseconds is March 1973, so real data on either scale falls clearly on one side.
    /// </summary>
    private const decimal MillisecondsThreshold = 100_000_000_000m;

    private static readonly LocalDateTimePattern SpaceSeparated = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss;FFFFFFFFF");

    public const string IsoExpectation = "an ISO 8601 timestamp such as 2026-07-14T19:30:00Z";

    public const string CellExpectation = "a timestamp: epoch seconds, epoch milliseconds or ISO 8601 (2026-07-14T19:30:00Z)";

    /// <summary>ISO 8601 with <c>Z</c> or an offset, as Segment sends.</summary>
    public static bool TryParseIso(string text, out Instant instant)
    {
        if (InstantPattern.ExtendedIso.Parse(text) is { Success: true } utc)
        {
            instant = utc.Value;
            return true;
        }

        if (OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } offset)
        {
            instant = offset.Value.ToInstant();
            return true;
        }

        instant = default;
        return false;
    }

    /// <summary>A CSV cell: epoch seconds or milliseconds (by magnitude), ISO 8601, or <c>2026-07-14 19:30:00</c> taken as UTC.</summary>
    public static bool TryParseCell(string text, out Instant instant)
    {
        instant = default;
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var epoch))
        {
            // Far beyond any real clock, and past what ticks can hold: reject before multiplying.
            if (Math.Abs(epoch) > MillisecondsThreshold * 1_000_000m)
            {
                return false;
            }

            var ticks = Math.Abs(epoch) >= MillisecondsThreshold ? epoch * NodaConstants.TicksPerMillisecond : epoch * NodaConstants.TicksPerSecond;
            if (ticks < Instant.MinValue.ToUnixTimeTicks() || ticks > Instant.MaxValue.ToUnixTimeTicks())
            {
                return false;
            }

            instant = Instant.FromUnixTimeTicks((long)ticks);
            return true;
        }

        if (TryParseIso(text, out instant))
        {
            return true;
        }

        if (SpaceSeparated.Parse(text) is { Success: true } local)
        {
            instant = local.Value.InUtc().ToInstant();
            return true;
        }

        return false;
    }
}
