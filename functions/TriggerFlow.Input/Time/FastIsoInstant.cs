using NodaTime;

namespace TriggerFlow.Input.Time;

/// <summary>
/// The one timestamp shape that fills events files — <c>2026-07-01T09:30:00.25Z</c> — read
/// straight from UTF-8 bytes. Anything else (an offset, a missing field, an out-of-range value)
/// is not decided here: the caller falls back to NodaTime's ISO pattern, so this path only ever
/// accepts what that pattern accepts, with the same value (a test holds it to that).
/// </summary>
internal static class FastIsoInstant
{
    public static bool TryParse(ReadOnlySpan<byte> text, out Instant instant)
    {
        instant = default;

        // uuuu-MM-ddTHH:mm:ss[.f{1,9}]Z
        if (text.Length < 20 || text.Length == 21 || text.Length > 30 || text[^1] != (byte)'Z'
            || text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':')
        {
            return false;
        }

        if (!Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
            || !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute) || !Digits(text.Slice(17, 2), out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var nanoseconds = 0L;
        if (text.Length > 20)
        {
            var fraction = text[20..^1];
            if (text[19] != (byte)'.' || !Digits(fraction, out var digits))
            {
                return false;
            }

            nanoseconds = digits;
            for (var i = fraction.Length; i < 9; i++)
            {
                nanoseconds *= 10;
            }
        }
        else if (text[19] != (byte)'Z')
        {
            return false;
        }

        instant = Instant.FromUtc(year, month, day, hour, minute, second) + Duration.FromNanoseconds(nanoseconds);
        return true;
    }

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
