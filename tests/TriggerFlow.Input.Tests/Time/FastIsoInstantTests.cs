using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using TriggerFlow.Input.Time;

namespace TriggerFlow.Input.Tests.Time;

/// <summary>
/// <see cref="FastIsoInstant"/> against <see cref="Timestamps"/>, which the caller falls back to,
/// and NodaTime's <see cref="InstantPattern.ExtendedIso"/>: whenever the fast path says yes both
/// must agree on the value, and on its shapes it must say yes whenever Timestamps does, or the
/// fast path is never taken.
/// </summary>
public sealed partial class FastIsoInstantTests
{
    private const int Cases = 20_000;

    private static readonly int[] EdgeYears = [1, 2, 4, 99, 100, 400, 1582, 1900, 1970, 1999, 2000, 2023, 2024, 2100, 2400, 9996, 9999];

    private static readonly string[] Offsets = ["+02:00", "-05:30", "+00:00", "-00:00", "+14:00", "+0200", "+02", "z", "", " UTC", " utc", "UTC", " +00:00"];

    /// <summary>The UTC designators the fast path takes.</summary>
    private static readonly string[] Suffixes = ["Z", " UTC", "+00:00"];

    /// <summary>The shapes the fast path claims, in the range every field allows.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z| UTC|\+00:00)$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainShape();

    [Theory]
    [InlineData("2026-07-01T09:30:00Z")]
    [InlineData("2026-07-01T09:30:00.2Z")]
    [InlineData("2026-07-01T09:30:00.25Z")]
    [InlineData("2026-07-01T09:30:00.123456789Z")]
    [InlineData("2026-07-01T09:30:00.000000000Z")]
    [InlineData("2024-02-29T23:59:59.999999999Z")]
    [InlineData("2000-02-29T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.999999999Z")]
    [InlineData("1969-12-31T23:59:59.5Z")]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("2019-10-01 00:00:00 UTC")]
    [InlineData("2019-10-01 00:00:00.5 UTC")]
    [InlineData("2019-10-01T00:00:00 UTC")]
    [InlineData("2019-10-01 00:00:00Z")]
    [InlineData("2019-10-01T00:00:00.123456+00:00")]
    [InlineData("2019-10-01 00:00:00+00:00")]
    public void Plain_shape_is_taken_by_the_fast_path_with_NodaTimes_value(string text)
    {
        Assert.True(FastIsoInstant.TryParse(Encoding.UTF8.GetBytes(text), out var fast));

        Assert.Equal(InstantPattern.ExtendedIso.Parse(AsNodaIso(text)).Value, fast);
        Assert.True(Timestamps.TryParse(text, out var slow));
        Assert.Equal(slow, fast);
    }

    [Theory]
    [InlineData("2026-07-01T24:00:00Z")]
    [InlineData("2026-12-31T24:00:00.000Z")]
    [InlineData("0000-06-15T12:00:00Z")]
    [InlineData("0000-06-15 12:00:00 UTC")]
    public void Year_zero_and_hour_24_which_NodaTime_reads_are_refused_by_both_paths(string text)
    {
        Assert.True(InstantPattern.ExtendedIso.Parse(AsNodaIso(text)).Success);

        Assert.False(FastIsoInstant.TryParse(Encoding.UTF8.GetBytes(text), out _));
        Assert.False(Timestamps.TryParse(text, out _));
    }

    [Fact]
    public void Fraction_digits_are_scaled_to_nanoseconds()
    {
        var second = Instant.FromUtc(2026, 7, 1, 9, 30, 0);

        Assert.Equal(second + Duration.FromMilliseconds(250), Parse("2026-07-01T09:30:00.25Z"));
        Assert.Equal(second + Duration.FromMilliseconds(250), Parse("2026-07-01T09:30:00.250000000Z"));
        Assert.Equal(second + Duration.FromNanoseconds(1), Parse("2026-07-01T09:30:00.000000001Z"));
        Assert.Equal(second + Duration.FromNanoseconds(123_456_789), Parse("2026-07-01T09:30:00.123456789Z"));
        Assert.Equal(second + Duration.FromMilliseconds(100), Parse("2026-07-01T09:30:00.1Z"));

        static Instant Parse(string text)
        {
            Assert.True(FastIsoInstant.TryParse(Encoding.UTF8.GetBytes(text), out var instant), text);
            return instant;
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Z")]
    [InlineData("2026-07-01T09:30:00")]
    [InlineData("2026-07-01T09:30:00.Z")]
    [InlineData("2026-07-01T09:30:00.1234567890Z")]
    [InlineData("2026-07-01T09:30:00,25Z")]
    [InlineData("2026-07-01T09:30:00+02:00")]
    [InlineData("2026-07-01T09:30:00.25+02:00")]
    [InlineData("2026-07-01t09:30:00Z")]
    [InlineData("2026-07-01 09:30:00 utc")]
    [InlineData("2026-07-01 09:30:00UTC")]
    [InlineData("2026-07-01 09:30:00  UTC")]
    [InlineData("2026-07-01 09:30:00 UTC ")]
    [InlineData("2026-07-01 09:30:00Z UTC")]
    [InlineData("2026-07-01T09:30:00-00:00")]
    [InlineData("2026-07-01T09:30:00+0000")]
    [InlineData("2026-07-01T09:30:00 +00:00")]
    [InlineData("2026-07-01_09:30:00Z")]
    [InlineData("UTC")]
    [InlineData("+00:00")]
    [InlineData("2026-07-01T09:30:00z")]
    [InlineData("2026-07-01T09:30Z")]
    [InlineData("2026-07-01T09:30:00ZZ")]
    [InlineData(" 2026-07-01T09:30:00Z")]
    [InlineData("2026-07-01T09:30:00Z ")]
    [InlineData("2026-7-01T09:30:00Z")]
    [InlineData("+2026-07-01T09:30:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2025-02-29T00:00:00Z")]
    [InlineData("1900-02-29T00:00:00Z")]
    [InlineData("2026-04-31T00:00:00Z")]
    [InlineData("2026-00-10T00:00:00Z")]
    [InlineData("2026-13-10T00:00:00Z")]
    [InlineData("2026-01-00T00:00:00Z")]
    [InlineData("2026-01-32T00:00:00Z")]
    [InlineData("2026-07-01T24:00:00Z")]
    [InlineData("2026-07-01T23:60:00Z")]
    [InlineData("2026-07-01T23:59:60Z")]
    [InlineData("2026-07-01T09:30:00.2a5Z")]
    [InlineData("2026-07-01T09:3a:00Z")]
    [InlineData("2026-07-01T09:30:00.25Zx")]
    public void Anything_but_the_plain_shapes_in_range_is_left_to_Timestamps(string text)
    {
        Assert.False(FastIsoInstant.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void Valid_timestamps_with_every_fraction_length_take_the_fast_path_with_NodaTimes_value()
    {
        var random = new Random(20260701);
        var lengths = new int[10];
        for (var i = 0; i < Cases; i++)
        {
            var (text, expected) = Valid(random);
            var bytes = Encoding.UTF8.GetBytes(text);

            Assert.True(FastIsoInstant.TryParse(bytes, out var fast), $"fast path refused `{text}`");
            var slow = InstantPattern.ExtendedIso.Parse(AsNodaIso(text));
            Assert.True(slow.Success, $"NodaTime refused `{text}`");
            Assert.Equal(slow.Value, fast);
            Assert.Equal(expected, fast);
            Assert.True(Timestamps.TryParse(text, out var fallback));
            Assert.Equal(fallback, fast);
            var fraction = text.IndexOf('.', StringComparison.Ordinal);
            lengths[fraction < 0 ? 0 : text.AsSpan(fraction + 1).IndexOfAnyExceptInRange('0', '9')]++;
        }

        // Every fraction length 0..9 was exercised, many times over.
        Assert.All(lengths, count => Assert.True(count > 500, $"fraction lengths: {string.Join(", ", lengths)}"));
    }

    [Fact]
    public void Edge_dates_and_times_are_accepted_only_as_NodaTime_accepts_them()
    {
        var random = new Random(4242);
        var accepted = 0;
        var refused = 0;
        foreach (var year in EdgeYears.Append(0))
        {
            for (var month = 0; month <= 13; month++)
            {
                foreach (var day in (int[])[0, 1, 28, 29, 30, 31, 32])
                {
                    foreach (var (hour, minute, second) in ((int, int, int)[])[(0, 0, 0), (23, 59, 59), (24, 0, 0), (24, 0, 1), (23, 60, 0), (23, 59, 60), (12, 30, 60), (25, 0, 0)])
                    {
                        var digits = random.Next(10);
                        var text = Format(year, month, day, hour, minute, second, Fraction(random, digits));
                        var inRange = year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), Math.Clamp(month, 1, 12))
                            && hour <= 23 && minute <= 59 && second <= 59;

                        var fast = Differential(text);
                        Assert.Equal(inRange, fast);
                        if (fast)
                        {
                            accepted++;
                        }
                        else
                        {
                            refused++;
                        }
                    }
                }
            }
        }

        Assert.True(accepted > 1000, $"{accepted} accepted");
        Assert.True(refused > 1000, $"{refused} refused");
    }

    [Fact]
    public void Leap_days_follow_the_gregorian_rule()
    {
        foreach (var year in EdgeYears)
        {
            var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            Assert.Equal(leap, Differential(Format(year, 2, 29, 12, 0, 0, "")));
            Assert.True(Differential(Format(year, 2, 28, 12, 0, 0, "")));
            Assert.False(Differential(Format(year, 2, 30, 12, 0, 0, "")));
        }

        foreach (var month in (int[])[4, 6, 9, 11])
        {
            Assert.True(Differential(Format(2026, month, 30, 0, 0, 0, "")));
            Assert.False(Differential(Format(2026, month, 31, 0, 0, 0, "")));
        }

        foreach (var month in (int[])[1, 3, 5, 7, 8, 10, 12])
        {
            Assert.True(Differential(Format(2026, month, 31, 0, 0, 0, "")));
        }
    }

    [Fact]
    public void Mutated_timestamps_are_never_accepted_with_a_value_NodaTime_disagrees_with()
    {
        var random = new Random(7919);
        var fastAccepted = 0;
        var fastRefused = 0;
        var slowOnly = 0;
        for (var i = 0; i < Cases; i++)
        {
            var (valid, _) = Valid(random);
            var text = Mutate(random, valid);

            if (Differential(text))
            {
                fastAccepted++;
            }
            else
            {
                fastRefused++;
                slowOnly += Timestamps.TryParse(text, out _) ? 1 : 0;
            }
        }

        // The mutations were neither all harmless nor all fatal, and some (offsets, lowercase,
        // whitespace) were left to Timestamps, which read them: every side of the contract was tested.
        Assert.True(fastAccepted > 1000, $"{fastAccepted} accepted");
        Assert.True(fastRefused > Cases / 2, $"{fastRefused} refused");
        Assert.True(slowOnly > 1000, $"{slowOnly} read by Timestamps only");
    }

    [Fact]
    public void Arbitrary_bytes_of_the_right_length_are_never_accepted_with_a_different_value()
    {
        var random = new Random(31337);
        const string alphabet = "0123456789-:.TZtz+, \u00e9\u0000";
        for (var i = 0; i < Cases; i++)
        {
            var (valid, _) = Valid(random);
            var chars = valid.ToCharArray();

            // Scramble a few positions with characters close to the grammar.
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            Differential(new string(chars));
        }
    }

    [Fact]
    public void Non_ascii_bytes_are_refused()
    {
        // A byte that is not '0'..'9' must not pass as a digit, however far from it it lies.
        var text = Encoding.UTF8.GetBytes("2026-07-01T09:30:00.25Z");
        for (var position = 0; position < text.Length; position++)
        {
            for (var value = 0; value < 256; value++)
            {
                var mutated = (byte[])text.Clone();
                mutated[position] = (byte)value;
                if (FastIsoInstant.TryParse(mutated, out var fast))
                {
                    var asText = Encoding.Latin1.GetString(mutated);
                    var slow = InstantPattern.ExtendedIso.Parse(AsNodaIso(asText));
                    Assert.True(slow.Success, $"fast path took `{asText}`, NodaTime refused it");
                    Assert.Equal(slow.Value, fast);
                    Assert.True(Timestamps.TryParse(asText, out var fallback), $"fast path took `{asText}`, Timestamps refused it");
                    Assert.Equal(fallback, fast);
                }
            }
        }
    }

    /// <summary>Checks the contract on one text and says whether the fast path took it.</summary>
    private static bool Differential(string text)
    {
        var read = Timestamps.TryParse(text, out var fallback);
        if (!FastIsoInstant.TryParse(Encoding.UTF8.GetBytes(text), out var fast))
        {
            // Refusing is always safe, but on its own shapes the fast path must take what Timestamps takes.
            Assert.False(read && PlainShape().IsMatch(text), $"fast path refused `{text}`, which Timestamps reads");
            return false;
        }

        Assert.True(PlainShape().IsMatch(text), $"fast path took `{text}`, not of its shapes");
        var slow = InstantPattern.ExtendedIso.Parse(AsNodaIso(text));
        if (!slow.Success)
        {
            Assert.Fail($"fast path took `{text}` as {fast}, NodaTime refused it");
        }

        Assert.Equal(slow.Value, fast);
        Assert.True(read, $"fast path took `{text}` as {fast}, Timestamps refused it");
        Assert.Equal(fallback, fast);
        return true;
    }

    /// <summary>The fast path's shapes spelled as NodaTime's extended ISO pattern spells them: <c>T</c>, and <c>Z</c> for UTC.</summary>
    private static string AsNodaIso(string text)
    {
        var body = text.EndsWith(" UTC", StringComparison.Ordinal) ? text[..^4] : text.EndsWith("+00:00", StringComparison.Ordinal) ? text[..^6] : text.TrimEnd('Z');
        return body.Length > 10 && body[10] == ' ' ? body[..10] + "T" + body[11..] + "Z" : body + "Z";
    }

    /// <summary>A well-formed timestamp in range, edge values over-represented, with the instant it denotes.</summary>
    private static (string Text, Instant Instant) Valid(Random random)
    {
        var year = random.Next(4) == 0 ? EdgeYears[random.Next(EdgeYears.Length)] : random.Next(1, 10_000);
        var month = random.Next(1, 13);
        var days = DateTime.DaysInMonth(year, month);
        var day = random.Next(3) == 0 ? days : random.Next(1, days + 1);
        var hour = random.Next(4) == 0 ? 23 : random.Next(24);
        var minute = random.Next(4) == 0 ? 59 : random.Next(60);
        var second = random.Next(4) == 0 ? 59 : random.Next(60);
        var digits = random.Next(10);
        var fraction = Fraction(random, digits);

        // Worked out independently of both parsers: the fraction is a decimal of a second.
        var nanoseconds = digits == 0 ? 0L : long.Parse(fraction[1..].PadRight(9, '0'), CultureInfo.InvariantCulture);
        var instant = new LocalDateTime(year, month, day, hour, minute, second).InUtc().ToInstant() + Duration.FromNanoseconds(nanoseconds);
        var text = Format(year, month, day, hour, minute, second, fraction);
        var suffix = Suffixes[random.Next(Suffixes.Length)];
        text = (random.Next(3) == 0 ? text[..10] + " " + text[11..] : text)[..^1] + suffix;
        return (text, instant);
    }

    private static string Fraction(Random random, int digits)
    {
        if (digits == 0)
        {
            return "";
        }

        var builder = new StringBuilder(".");
        for (var i = 0; i < digits; i++)
        {
            // Zeros and nines over-represented: trailing zeros and carries are where scaling goes wrong.
            builder.Append(random.Next(4) switch
            {
                0 => '0',
                1 => '9',
                _ => (char)('0' + random.Next(10)),
            });
        }

        return builder.ToString();
    }

    private static string Format(int year, int month, int day, int hour, int minute, int second, string fraction) =>
        string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}-{day:00}T{hour:00}:{minute:00}:{second:00}{fraction}Z");

    private static string Mutate(Random random, string text)
    {
        var position = random.Next(text.Length);
        var separators = new[] { 4, 7, 10, 13, 16 };
        switch (random.Next(16))
        {
            case 0: // a character becomes a letter
                return Replace(text, position, (char)('a' + random.Next(26)));
            case 1: // a character becomes another digit (often still valid)
                return Replace(text, position, (char)('0' + random.Next(10)));
            case 2: // a separator changes
                return Replace(text, separators[random.Next(separators.Length)], "-:T/ .Zt"[random.Next(8)]);
            case 3: // no Z
                return text[..^1];
            case 4: // an offset instead of Z
                return text[..^1] + Offsets[random.Next(Offsets.Length)];
            case 5: // an offset after Z
                return text + Offsets[random.Next(Offsets.Length)];
            case 6: // an extra character somewhere
                return text.Insert(random.Next(text.Length + 1), "0Z.:- x"[random.Next(7)].ToString());
            case 7: // '.' with no digits
                return text[..19] + ".Z";
            case 8: // too many fraction digits
                return text[..19] + "." + new string('0', 9) + (char)('0' + random.Next(10)) + new string('5', random.Next(3)) + "Z";
            case 9: // a comma for the decimal point
                return text.Length > 20 ? Replace(text, 19, ',') : text[..19] + ",5Z";
            case 10: // a character goes missing
                return text.Remove(position, 1);
            case 11: // truncated
                return text[..position];
            case 12: // whitespace around
                return random.Next(2) == 0 ? " " + text : text + " ";
            case 13: // a field out of range
                return OutOfRange(random, text);
            case 14: // a non-ASCII character, longer in UTF-8 than in UTF-16
                return Replace(text, position, "\u00e9\u0661\uff10"[random.Next(3)]);
            default: // two neighbours swapped
                var i = random.Next(text.Length - 1);
                return text[..i] + text[i + 1] + text[i] + text[(i + 2)..];
        }
    }

    private static string OutOfRange(Random random, string text) => random.Next(6) switch
    {
        0 => "0000" + text[4..],
        1 => text[..5] + (random.Next(2) == 0 ? "00" : "13") + text[7..],
        2 => text[..8] + (random.Next(2) == 0 ? "00" : random.Next(29, 33).ToString(CultureInfo.InvariantCulture)) + text[10..],
        3 => text[..11] + "24" + (random.Next(2) == 0 ? ":00:00" : text[13..19]) + text[19..],
        4 => text[..14] + "60" + text[16..],
        _ => text[..17] + "60" + text[19..],
    };

    private static string Replace(string text, int position, char c) => text[..position] + c + text[(position + 1)..];
}
