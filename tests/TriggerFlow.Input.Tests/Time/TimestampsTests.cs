using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using TriggerFlow.Input.Time;

namespace TriggerFlow.Input.Tests.Time;

/// <summary>
/// <see cref="Timestamps"/>, the one reader of timestamps: the golden cases (timestamps.cases) as
/// text and as JSON strings, random timestamps of every accepted shape against a value worked out
/// with NodaTime, epochs, JSON numbers, and hostile input.
/// </summary>
public sealed partial class TimestampsTests
{
    private const int Cases = 20_000;

    private static readonly string CaseFile = Path.Combine(
        typeof(TimestampsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!,
        "tests", "TriggerFlow.Input.Tests", "Time", "timestamps.cases");

    public static TheoryData<string, string> GoldenCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(CaseFile).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var match = GoldenLine().Match(line);
            Assert.True(match.Success, $"timestamps.cases: `{line}` is not `text` expected");
            cases.Add(match.Groups["text"].Value.Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal), match.Groups["expected"].Value);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Golden_case_as_text(string text, string expected) =>
        Assert.Equal(expected, Outcome(Timestamps.TryParse(text, out var instant), instant));

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Golden_case_as_a_JSON_string_reads_as_the_text_does(string text, string expected)
    {
        // Plain, and with every character escaped: the fast byte path and the decoding path agree.
        var plain = JsonSerializer.Serialize(text);
        var escaped = "\"" + string.Concat(text.Select(c => $"\\u{(int)c:x4}")) + "\"";

        foreach (var json in (string[])[plain, escaped])
        {
            using var document = JsonDocument.Parse(json);
            Assert.Equal(expected, Outcome(Timestamps.TryParse(document.RootElement, out var instant), instant));
        }
    }

    [Fact]
    public void The_golden_cases_cover_both_outcomes_in_quantity()
    {
        var outcomes = GoldenCases().Select(row => (string)row[1]).ToList();

        Assert.True(outcomes.Count(o => o == "rejected") > 60, "rejected cases");
        Assert.True(outcomes.Count(o => o != "rejected") > 60, "accepted cases");
    }

    [Fact]
    public void Random_ISO_timestamps_of_every_shape_have_the_value_NodaTime_gives()
    {
        var random = new Random(20191001);
        var accepted = 0;
        for (var i = 0; i < Cases; i++)
        {
            var (text, expected) = RandomIso(random);

            var read = Timestamps.TryParse(text, out var instant);

            Assert.True(read == expected.HasValue, $"`{text}`: read {read}, expected {expected?.ToString() ?? "a refusal"}");
            if (read)
            {
                accepted++;
                Assert.Equal(expected!.Value, instant);
            }
        }

        // Only the offsets that push year 1 or 9999 out of range are refused.
        Assert.True(accepted > Cases * 9 / 10, $"{accepted} accepted");
    }

    [Fact]
    public void The_shapes_NodaTime_knows_read_as_NodaTime_reads_them()
    {
        var random = new Random(8601);
        var checkedCount = 0;
        for (var i = 0; i < Cases; i++)
        {
            var (text, expected) = RandomIso(random);
            if (text[10] != 'T' || text.Contains(' ', StringComparison.Ordinal) || (!text.EndsWith('Z') && !ColonOffset().IsMatch(text)))
            {
                continue;
            }

            var noda = OffsetDateTimePattern.ExtendedIso.Parse(text);
            var read = Timestamps.TryParse(text, out var instant);

            Assert.True(noda.Success, $"NodaTime refused `{text}`");
            checkedCount++;

            // NodaTime knows no four-digit year range: an offset may take year 1 or 9999 past it, which is refused here.
            Assert.Equal(expected.HasValue, read);
            if (read)
            {
                Assert.Equal(noda.Value.ToInstant(), instant);
            }
        }

        Assert.True(checkedCount > Cases / 10, $"{checkedCount} checked");
    }

    [Fact]
    public void Random_epoch_seconds_and_milliseconds_have_their_value()
    {
        var random = new Random(1569888000);
        for (var i = 0; i < Cases; i++)
        {
            // Seconds below 10^11 in magnitude, milliseconds from 10^11 on; back to year 1, up to 9999.
            var milliseconds = random.Next(2) == 0;
            var whole = milliseconds
                ? random.NextInt64(100_000_000_000, 253_402_300_800_000)
                : random.NextInt64(0, 100_000_000_000);
            var negative = random.Next(3) == 0 && (milliseconds ? whole <= 62_135_596_800_000 : whole <= 62_135_596_800);
            var digits = random.Next(milliseconds ? 7 : 10);
            var fraction = digits == 0 ? "" : random.NextInt64((long)Math.Pow(10, digits)).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
            var text = (negative ? "-" : "") + whole.ToString(CultureInfo.InvariantCulture) + (digits == 0 ? "" : "." + fraction);

            // Worked out with NodaTime's own arithmetic, in the unit the magnitude gives.
            var fractionNanoseconds = digits == 0 ? 0 : long.Parse(fraction.PadRight(milliseconds ? 6 : 9, '0'), CultureInfo.InvariantCulture);
            var magnitude = (milliseconds ? Duration.FromMilliseconds(whole) : Duration.FromSeconds(whole)) + Duration.FromNanoseconds(fractionNanoseconds);
            var expected = NodaConstants.UnixEpoch + (negative ? -magnitude : magnitude);

            Assert.True(Timestamps.TryParse(text, out var instant), text);
            Assert.Equal(expected, instant);
        }
    }

    [Theory]
    [InlineData("1569888000", "2019-10-01T00:00:00Z")]
    [InlineData("1569888000000", "2019-10-01T00:00:00Z")]
    [InlineData("1569888000.5", "2019-10-01T00:00:00.5Z")]
    [InlineData("1569888000000.25", "2019-10-01T00:00:00.00025Z")]
    [InlineData("1.5e9", "2017-07-14T02:40:00Z")]
    [InlineData("1.5E+12", "2017-07-14T02:40:00Z")]
    [InlineData("15e8", "2017-07-14T02:40:00Z")]
    [InlineData("-1.25", "1969-12-31T23:59:58.75Z")]
    [InlineData("-0", "1970-01-01T00:00:00Z")]
    [InlineData("0.000000001", "1970-01-01T00:00:00.000000001Z")]
    [InlineData("1569888000.0000000000", "2019-10-01T00:00:00Z")]
    [InlineData("1569888000.1234567891", "rejected")]
    [InlineData("1569888000000.1234567", "rejected")]
    [InlineData("253402300800000", "rejected")]
    [InlineData("-62135596801", "rejected")]
    [InlineData("9223372036854775807", "rejected")]
    [InlineData("-9223372036854775808", "rejected")]
    [InlineData("1e300", "rejected")]
    [InlineData("-1e300", "rejected")]
    [InlineData("1e-300", "1970-01-01T00:00:00Z")]
    [InlineData("true", "rejected")]
    [InlineData("null", "rejected")]
    [InlineData("{}", "rejected")]
    [InlineData("[1569888000]", "rejected")]
    [InlineData("\"1569888000\"", "2019-10-01T00:00:00Z")]
    [InlineData("\"2019-10-01 00:00:00 UTC\"", "2019-10-01T00:00:00Z")]
    [InlineData("\"\\u0032019-10-01T00:00:00Z\"", "2019-10-01T00:00:00Z")]
    [InlineData("\"2019-10-01T00:00:00\\u005A\"", "2019-10-01T00:00:00Z")]
    [InlineData("\"2019-10-01T00:00:00\\u0000\"", "rejected")]
    public void JSON_values_numbers_as_epochs_strings_in_any_shape(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, Outcome(Timestamps.TryParse(document.RootElement, out var instant), instant));
    }

    [Fact]
    public void Oversized_and_hostile_text_is_refused_or_read_without_throwing()
    {
        var megabyte = new string('9', 1 << 20);
        var padded = new string(' ', 1 << 20) + "2019-10-01 00:00:00 UTC" + new string('\t', 1 << 20);

        Assert.False(Timestamps.TryParse(megabyte, out _));
        Assert.False(Timestamps.TryParse("2019-10-01T00:00:00." + megabyte + "Z", out _));
        Assert.False(Timestamps.TryParse("2019-10-01T00:00:00Z" + megabyte, out _));
        Assert.False(Timestamps.TryParse("-" + megabyte, out _));
        Assert.False(Timestamps.TryParse(new string('\0', 30), out _));
        Assert.False(Timestamps.TryParse((string?)null, out _));
        Assert.True(Timestamps.TryParse(padded, out var instant));
        Assert.Equal(Instant.FromUtc(2019, 10, 1, 0, 0), instant);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(new { padded, megabyte }));
        Assert.True(Timestamps.TryParse(json.RootElement.GetProperty("padded"), out instant));
        Assert.Equal(Instant.FromUtc(2019, 10, 1, 0, 0), instant);
        Assert.False(Timestamps.TryParse(json.RootElement.GetProperty("megabyte"), out _));
    }

    [Fact]
    public void Random_characters_near_the_grammar_never_throw_and_text_and_JSON_agree()
    {
        var random = new Random(404);
        const string alphabet = "0123456789-:.,TtZzUCutc+ \t\u00e9\u0661";
        for (var i = 0; i < Cases; i++)
        {
            var (valid, _) = RandomIso(random);
            var chars = valid.ToCharArray();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            using var json = JsonDocument.Parse(JsonSerializer.Serialize(text));
            var asText = Timestamps.TryParse(text, out var fromText);
            var asJson = Timestamps.TryParse(json.RootElement, out var fromJson);

            Assert.Equal(asText, asJson);
            Assert.Equal(fromText, fromJson);
        }
    }

    [Fact]
    public void The_problem_names_the_text_and_every_accepted_shape()
    {
        Assert.Equal($"`yesterday` is not {Timestamps.Expectation}", Timestamps.Problem("yesterday"));
        foreach (var shape in (string[])["ISO 8601", "`T` or a space", "`Z`", "an offset", "` UTC`", "epoch seconds or milliseconds"])
        {
            Assert.Contains(shape, Timestamps.Expectation, StringComparison.Ordinal);
        }

        // Every example the sentence gives is itself accepted.
        foreach (Match example in Regex.Matches(Timestamps.Expectation, @"\d{4}-\d\d-\d\d[T ][\d:.]+(Z|\+\d\d:\d\d| UTC)|\b\d{10,13}\b"))
        {
            Assert.True(Timestamps.TryParse(example.Value, out _), example.Value);
        }
    }

    [Fact]
    public void The_problem_shortens_a_long_text_and_hides_control_characters()
    {
        var problem = Timestamps.Problem("2019\n" + new string('x', 100_000));

        Assert.StartsWith("`2019?xxxxx", problem, StringComparison.Ordinal);
        Assert.True(problem.Length < Timestamps.Expectation.Length + 80, problem);
        Assert.Contains("…` is not a timestamp", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_timestamp_allocates_nothing()
    {
        // Allocation is counted, not time: the backtest reads ten million of these.
        string[] texts = ["2019-10-01 00:00:00 UTC", "2026-07-14T19:30:00.123456+02:00", "1569888000000", "-1.25", "2019-10-01T00:00:00Z", "yesterday"];
        using var json = JsonDocument.Parse("""["2019-10-01 00:00:00 UTC","2026-07-14t19:30:00-0800",1569888000,1569888000.5]""");
        var elements = json.RootElement.EnumerateArray().ToArray();
        Parse();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            Parse();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Parse()
        {
            foreach (var text in texts)
            {
                Timestamps.TryParse(text, out _);
            }

            foreach (var element in elements)
            {
                Timestamps.TryParse(element, out _);
            }
        }
    }

    /// <summary>A timestamp in any ISO shape accepted, and its instant (null when an offset takes it out of years 1 to 9999), worked out with NodaTime.</summary>
    internal static (string Text, Instant? Instant) RandomIso(Random random)
    {
        var year = random.Next(8) == 0 ? (random.Next(2) == 0 ? 1 : 9999) : random.Next(1, 10_000);
        var month = random.Next(1, 13);
        var days = DateTime.DaysInMonth(year, month);
        var day = random.Next(3) == 0 ? days : random.Next(1, days + 1);
        var local = new LocalDateTime(year, month, day, random.Next(24), random.Next(60), random.Next(60));
        var digits = random.Next(10);
        var nanoseconds = digits == 0 ? 0 : random.NextInt64((long)Math.Pow(10, digits)) * (long)Math.Pow(10, 9 - digits);
        var fraction = digits == 0 ? "" : (random.Next(4) == 0 ? "," : ".") + (nanoseconds / (long)Math.Pow(10, 9 - digits)).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        var separator = " Tt"[random.Next(3)];
        var (zone, offset) = RandomZone(random);

        var text = string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}-{day:00}{separator}{local.Hour:00}:{local.Minute:00}:{local.Second:00}{fraction}{zone}");

        // NodaTime holds instants a little past years 1 and 9999, but not all of them: decide the range first.
        var secondOfDay = (local.Hour * 3_600) + (local.Minute * 60) + local.Second - offset.Seconds;
        var outOfRange = ((year, month, day) == (1, 1, 1) && secondOfDay < 0) || ((year, month, day) == (9999, 12, 31) && secondOfDay >= 86_400);
        return (text, outOfRange ? null : local.PlusNanoseconds(nanoseconds).WithOffset(offset).ToInstant());
    }

    private static (string Zone, Offset Offset) RandomZone(Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                return ("", Offset.Zero);
            case 1:
                return (random.Next(2) == 0 ? "Z" : "z", Offset.Zero);
            case 2:
                return (" " + (random.Next(2) == 0 ? "UTC" : "utc"), Offset.Zero);
            default:
                var minutes = random.Next(-18 * 60, (18 * 60) + 1);
                minutes = random.Next(2) == 0 ? minutes / 15 * 15 : minutes;
                var (hh, mm) = (Math.Abs(minutes) / 60, Math.Abs(minutes) % 60);
                var sign = minutes < 0 || (minutes == 0 && random.Next(2) == 0) ? '-' : '+';
                var text = random.Next(3) switch
                {
                    0 => string.Create(CultureInfo.InvariantCulture, $"{sign}{hh:00}:{mm:00}"),
                    1 => string.Create(CultureInfo.InvariantCulture, $"{sign}{hh:00}{mm:00}"),
                    _ when mm == 0 => string.Create(CultureInfo.InvariantCulture, $"{sign}{hh:00}"),
                    _ => string.Create(CultureInfo.InvariantCulture, $"{sign}{hh:00}:{mm:00}"),
                };
                return ((random.Next(4) == 0 ? " " : "") + text, Offset.FromSeconds(minutes * 60));
        }
    }

    private static string Outcome(bool read, Instant instant) => read ? InstantPattern.ExtendedIso.Format(instant) : "rejected";

    [GeneratedRegex("^`(?<text>.*)`\\s+(?<expected>\\S+)$")]
    private static partial Regex GoldenLine();

    [GeneratedRegex(@"[+-]\d\d:\d\d$")]
    private static partial Regex ColonOffset();
}
