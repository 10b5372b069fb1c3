using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace TriggerFlow.Input.Time;

/// <summary>
/// The one reader of event timestamps, for every source: CSV cells, JSON strings and JSON numbers,
/// in the backtest and the live host alike. It takes the shapes public datasets and exports use:
/// ISO 8601 (<see cref="IsoText"/>) and epoch seconds or milliseconds (<see cref="EpochText"/>),
/// each with its edge cases decided once (docs/backtest.md, "Timestamps"). It never throws and
/// never allocates on success, so it can sit in the backtest's per-record path.
/// </summary>
internal static class Timestamps
{
    /// <summary>What every timestamp error says is accepted: one sentence, after "is not" or "expected".</summary>
    public const string Expectation =
        "a timestamp: ISO 8601 with `T` or a space and `Z`, an offset or ` UTC` (2019-10-01T00:00:00Z, 2019-10-01 00:00:00.25+02:00, "
        + "2019-10-01 00:00:00 UTC; no zone means UTC), or epoch seconds or milliseconds (1569888000, 1569888000000)";

    /// <summary>The earliest second accepted, 0001-01-01T00:00:00Z: no event predates year 1.</summary>
    internal const long MinSeconds = -62_135_596_800;

    /// <summary>The last second accepted, 9999-12-31T23:59:59Z, the end of four-digit years.</summary>
    internal const long MaxSeconds = 253_402_300_799;

    private const int NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Longer JSON strings (only whitespace could make them so) are decoded the slow way.</summary>
    private const int StackChars = 64;

    /// <summary>The text echoed in an error is cut here: a cell may be a megabyte.</summary>
    private const int EchoChars = 60;

    /// <summary>Any accepted text shape, epoch digits included; spaces and tabs around it are ignored.</summary>
    public static bool TryParse(string? text, out Instant instant) => TryParse(text.AsSpan(), out instant);

    /// <inheritdoc cref="TryParse(string?, out Instant)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out Instant instant)
    {
        text = text.Trim(" \t");
        return IsoText.TryParse(text, out instant) || EpochText.TryParse(text, out instant);
    }

    /// <summary>A JSON string in any accepted shape, or a JSON number as epoch seconds or milliseconds.</summary>
    public static bool TryParse(JsonElement value, out Instant instant)
    {
        instant = default;
        return value.ValueKind switch
        {
            JsonValueKind.String => TryParseString(value, out instant),
            JsonValueKind.Number => EpochText.TryParse(value, out instant),
            _ => false,
        };
    }

    /// <summary>Superseded by <see cref="TryParse(string?, out Instant)"/>, which it is; kept for the JSON reader until it moves.</summary>
    public static bool TryParseIso(string text, out Instant instant) => TryParse(text, out instant);

    /// <summary>The error for a text that is not a timestamp: the text (shortened, control characters shown as `?`) and <see cref="Expectation"/>.</summary>
    public static string Problem(string text)
    {
        var echo = new StringBuilder(Math.Min(text.Length, EchoChars) + 1);
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, EchoChars)))
        {
            echo.Append(char.IsControl(c) ? '?' : c);
        }

        if (text.Length > EchoChars)
        {
            echo.Append('…');
        }

        return $"`{echo}` is not {Expectation}";
    }

    /// <summary>The instant <paramref name="seconds"/> and <paramref name="nanoseconds"/> (0 to 1e9 - 1) after the Unix epoch, if in years 0001 to 9999.</summary>
    internal static bool TryFromUnix(long seconds, long nanoseconds, out Instant instant)
    {
        instant = default;
        if (seconds is < MinSeconds or > MaxSeconds)
        {
            return false;
        }

        instant = Instant.FromUnixTimeSeconds(seconds).PlusNanoseconds(nanoseconds);
        return true;
    }

    /// <summary>
    /// As <see cref="TryFromUnix(long, long, out Instant)"/>, from a magnitude and a sign: <paramref name="nanoseconds"/> of
    /// fraction beyond <paramref name="seconds"/>, both counted away from the epoch.
    /// </summary>
    internal static bool TryFromUnix(bool negative, long seconds, long nanoseconds, out Instant instant)
    {
        if (negative && nanoseconds > 0)
        {
            // -1.25 s is 2 s before the epoch plus 0.75 s.
            return TryFromUnix(-seconds - 1, NanosecondsPerSecond - nanoseconds, out instant);
        }

        return TryFromUnix(negative ? -seconds : seconds, nanoseconds, out instant);
    }

    /// <summary>
    /// A JSON string: its bytes straight to the fast path, else decoded on the stack; only a string
    /// with escapes (or long enough to be mostly whitespace) is allocated.
    /// </summary>
    private static bool TryParseString(JsonElement value, out Instant instant)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
        if (raw.IndexOf((byte)'\\') >= 0 || raw.Length > StackChars)
        {
            return TryParse(value.GetString(), out instant);
        }

        if (FastIsoInstant.TryParse(raw, out instant))
        {
            return true;
        }

        Span<char> chars = stackalloc char[StackChars];
        return Encoding.UTF8.TryGetChars(raw, chars, out var length) && TryParse(chars[..length], out instant);
    }
}
