using NodaTime;

namespace TriggerFlow.Input.Time;

/// <summary>
/// ISO 8601 date-times as datasets and exports write them:
/// <c>uuuu-MM-dd(T|t| )HH:mm:ss[(.|,)f{1,9}][zone]</c>, where the zone is <c>Z</c> or <c>z</c>,
/// <c> UTC</c> (any case, one space before it), an offset <c>±hh:mm</c>, <c>±hhmm</c> or <c>±hh</c>
/// (up to 18 hours, optionally after one space, as Ruby writes <c>2019-10-01 00:00:00 +0000</c>),
/// or nothing, which is UTC. Refused: year 0000, hour 24, leap second 60, a date that does not
/// exist, a minute or second left out, and two zones (<c>Z UTC</c>).
/// </summary>
internal static class IsoText
{
    private const int MaxOffsetMinutes = 18 * 60;

    public static bool TryParse(ReadOnlySpan<char> text, out Instant instant)
    {
        instant = default;
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] is not ('T' or 't' or ' ') || text[13] != ':' || text[16] != ':')
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

        var rest = text[19..];
        if (!TryFraction(ref rest, out var nanoseconds) || !TryZone(rest, out var offsetSeconds))
        {
            return false;
        }

        var seconds = (DaysSinceEpoch(year, month, day) * 86_400L) + (hour * 3_600) + (minute * 60) + second - offsetSeconds;
        return Timestamps.TryFromUnix(seconds, nanoseconds, out instant);
    }

    /// <summary>Reads <c>.f{1,9}</c> (or with a comma, as ISO 8601 allows) off the front of <paramref name="rest"/>, if there.</summary>
    private static bool TryFraction(ref ReadOnlySpan<char> rest, out long nanoseconds)
    {
        nanoseconds = 0;
        if (rest.IsEmpty || rest[0] is not ('.' or ','))
        {
            return true;
        }

        var digits = rest[1..];
        var length = 0;
        while (length < digits.Length && char.IsAsciiDigit(digits[length]))
        {
            length++;
        }

        if (length is 0 or > 9 || !Digits(digits[..length], out var value))
        {
            return false;
        }

        nanoseconds = value;
        for (var i = length; i < 9; i++)
        {
            nanoseconds *= 10;
        }

        rest = digits[length..];
        return true;
    }

    /// <summary>The zone designator, the whole of what follows the time and its fraction.</summary>
    private static bool TryZone(ReadOnlySpan<char> zone, out int offsetSeconds)
    {
        offsetSeconds = 0;
        if (zone.IsEmpty || zone is "Z" or "z" || zone.Equals(" UTC", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return TryOffset(zone[0] == ' ' ? zone[1..] : zone, out offsetSeconds);
    }

    /// <summary><c>±hh:mm</c>, <c>±hhmm</c> or <c>±hh</c>, at most 18 hours either way (NodaTime's and java.time's bound).</summary>
    private static bool TryOffset(ReadOnlySpan<char> text, out int seconds)
    {
        seconds = 0;
        if (text.Length is not (3 or 5 or 6) || text[0] is not ('+' or '-') || (text.Length == 6 && text[3] != ':'))
        {
            return false;
        }

        var minutesText = text.Length == 3 ? "00" : text[^2..];
        if (!Digits(text.Slice(1, 2), out var hours) || !Digits(minutesText, out var minutes) || minutes > 59 || (hours * 60) + minutes > MaxOffsetMinutes)
        {
            return false;
        }

        seconds = (text[0] == '-' ? -1 : 1) * ((hours * 3_600) + (minutes * 60));
        return true;
    }

    /// <summary>Days from 1970-01-01 to a valid date of years 1 to 9999 (H. Hinnant's days_from_civil).</summary>
    internal static long DaysSinceEpoch(int year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = y / 400;
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097L) + dayOfEra - 719_468;
    }

    /// <summary>ASCII digits only: <see cref="char.IsDigit(char)"/> would take other scripts' digits.</summary>
    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        // Callers read at most nine digits, which fit an int.
        var read = AsciiDigits.TryRead(text, out var digits);
        value = (int)digits;
        return read;
    }
}
