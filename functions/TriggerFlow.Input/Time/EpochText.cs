using System.Text.Json;
using NodaTime;

namespace TriggerFlow.Input.Time;

/// <summary>
/// Epoch timestamps: <c>-?\d{1,18}(\.\d+)?</c> as text, or a JSON number. The scale is told by
/// magnitude: a whole part of 10^11 or more is milliseconds (10^11 s would be the year 5138, while
/// 10^11 ms is March 1973), so real data on either scale falls clearly on one side. The fraction
/// may go down to the nanosecond (9 digits of seconds, 6 of milliseconds) and no further; the
/// instant must lie in years 0001 to 9999. Negative values are before 1970.
/// </summary>
internal static class EpochText
{
    /// <summary>Whole parts at or above this (in magnitude) are milliseconds.</summary>
    public const long MillisecondsThreshold = 100_000_000_000;

    /// <summary>More digits than this are out of range whatever the scale, and would not fit a long.</summary>
    private const int MaxWholeDigits = 18;

    private const long WholeLimit = 1_000_000_000_000_000_000;

    public static bool TryParse(ReadOnlySpan<char> text, out Instant instant)
    {
        instant = default;
        var negative = !text.IsEmpty && text[0] == '-';
        var number = negative ? text[1..] : text;
        var point = number.IndexOf('.');
        var wholeText = point < 0 ? number : number[..point];
        var fractionText = point < 0 ? [] : number[(point + 1)..];
        if (!Digits(wholeText, MaxWholeDigits, out var whole))
        {
            return false;
        }

        var places = Places(whole);
        var fraction = 0L;
        if (point >= 0 && !Digits(fractionText, places, out fraction))
        {
            return false;
        }

        for (var i = fractionText.Length; i < places; i++)
        {
            fraction *= 10;
        }

        return TryCompose(negative, whole, fraction, out instant);
    }

    /// <summary>A JSON number, however written (<c>1569888000</c>, <c>1569888000.5</c>, <c>1.5e9</c>), exact to the nanosecond.</summary>
    public static bool TryParse(JsonElement number, out Instant instant)
    {
        instant = default;
        if (number.TryGetInt64(out var integer))
        {
            return integer is > -WholeLimit and < WholeLimit && TryCompose(integer < 0, Math.Abs(integer), 0, out instant);
        }

        if (!number.TryGetDecimal(out var value) || Math.Abs(value) >= WholeLimit)
        {
            return false;
        }

        var magnitude = Math.Abs(value);
        var whole = (long)decimal.Truncate(magnitude);
        var fraction = (magnitude - whole) * Pow10(Places(whole));
        return fraction == decimal.Truncate(fraction) && TryCompose(value < 0, whole, (long)fraction, out instant);
    }

    /// <summary>The fraction digits that reach one nanosecond: 9 for seconds, 6 for milliseconds.</summary>
    private static int Places(long whole) => whole >= MillisecondsThreshold ? 6 : 9;

    /// <summary><paramref name="fraction"/> is in nanoseconds: of the second, or of the millisecond.</summary>
    private static bool TryCompose(bool negative, long whole, long fraction, out Instant instant)
    {
        var milliseconds = whole >= MillisecondsThreshold;
        var seconds = milliseconds ? whole / 1_000 : whole;
        var nanoseconds = milliseconds ? ((whole % 1_000) * 1_000_000) + fraction : fraction;
        return Timestamps.TryFromUnix(negative, seconds, nanoseconds, out instant);
    }

    private static decimal Pow10(int places)
    {
        var result = 1m;
        for (var i = 0; i < places; i++)
        {
            result *= 10;
        }

        return result;
    }

    /// <summary>One to <paramref name="max"/> ASCII digits.</summary>
    private static bool Digits(ReadOnlySpan<char> text, int max, out long value)
    {
        value = 0;
        return !text.IsEmpty && text.Length <= max && AsciiDigits.TryRead(text, out value);
    }
}
