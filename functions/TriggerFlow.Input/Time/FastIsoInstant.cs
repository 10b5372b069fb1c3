using NodaTime;

namespace TriggerFlow.Input.Time;

/// <summary>
/// The timestamp shapes that fill events files, read straight from UTF-8 bytes:
/// <c>2026-07-01T09:30:00.25Z</c>, with <c>T</c> or a space, and <c>Z</c>, <c> UTC</c> (as the
/// REES46 clickstream writes) or <c>+00:00</c> (as Python writes). Anything else (another offset,
/// lowercase, a missing field, an out-of-range value) is not decided here: the caller falls back
/// to <see cref="Timestamps"/>, so this path only ever accepts what that accepts, with the same
/// value, and takes every text of its shapes that that accepts (a test holds it to both).
/// </summary>
internal static class FastIsoInstant
{
    public static bool TryParse(ReadOnlySpan<byte> text, out Instant instant)
    {
        instant = default;

        // uuuu-MM-dd(T| )HH:mm:ss[.f{1,9}](Z| UTC|+00:00)
        var body = Body(text);
        if (body.Length < 19 || body.Length == 20 || body.Length > 29
            || body[4] != (byte)'-' || body[7] != (byte)'-' || body[10] is not ((byte)'T' or (byte)' ') || body[13] != (byte)':' || body[16] != (byte)':')
        {
            return false;
        }

        if (!Digits(body[..4], out var year) || !Digits(body.Slice(5, 2), out var month) || !Digits(body.Slice(8, 2), out var day)
            || !Digits(body.Slice(11, 2), out var hour) || !Digits(body.Slice(14, 2), out var minute) || !Digits(body.Slice(17, 2), out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var nanoseconds = 0L;
        if (body.Length > 19)
        {
            var fraction = body[20..];
            if (body[19] != (byte)'.' || !Digits(fraction, out var digits))
            {
                return false;
            }

            nanoseconds = digits;
            for (var i = fraction.Length; i < 9; i++)
            {
                nanoseconds *= 10;
            }
        }

        var seconds = (IsoText.DaysSinceEpoch(year, month, day) * 86_400L) + (hour * 3_600) + (minute * 60) + second;
        instant = Instant.FromUnixTimeSeconds(seconds).PlusNanoseconds(nanoseconds);
        return true;
    }

    /// <summary>The text before its UTC designator; empty when it has none of the three.</summary>
    private static ReadOnlySpan<byte> Body(ReadOnlySpan<byte> text) =>
        text.EndsWith("Z"u8) ? text[..^1]
        : text.EndsWith(" UTC"u8) ? text[..^4]
        : text.EndsWith("+00:00"u8) ? text[..^6]
        : [];

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            var digit = c - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
