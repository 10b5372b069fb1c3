using System.Text.Json;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using TriggerFlow.Runtime.Storage.Json;

namespace TriggerFlow.Runtime.Tests.Storage;

/// <summary>Stored instants are written byte for byte as NodaTime's own converter writes them, and read back exactly.</summary>
public sealed class InstantJsonConverterTests
{
    private static readonly JsonSerializerOptions Noda = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    public static TheoryData<long> Edges => new()
    {
        0,
        1,
        -1,
        Instant.FromUtc(2026, 11, 23, 18, 24, 17).ToUnixTimeTicks() * 100,
        (Instant.FromUtc(2026, 11, 23, 18, 24, 17).ToUnixTimeTicks() * 100) + 920_477_000,
        (Instant.FromUtc(2026, 11, 23, 18, 24, 17).ToUnixTimeTicks() * 100) + 100,
        (Instant.FromUtc(2026, 11, 23, 18, 24, 17).ToUnixTimeTicks() * 100) + 999_999_999,
        (Instant.FromUtc(2026, 11, 23, 18, 24, 17).ToUnixTimeTicks() * 100) + 500_000_000,
        Instant.FromUtc(1, 1, 1, 0, 0).ToUnixTimeTicks() * 100,
        (Instant.FromUtc(9999, 12, 31, 23, 59, 59).ToUnixTimeTicks() * 100) + 999_999_999,
        (Instant.FromUtc(1, 1, 1, 0, 0).ToUnixTimeTicks() * 100) - 1,
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void An_instant_is_written_as_nodatime_writes_it(long nanosecondsSinceEpoch) =>
        AssertSameAsNoda(Instant.FromUnixTimeTicks(0) + Duration.FromNanoseconds(nanosecondsSinceEpoch));

    [Fact]
    public void The_extremes_of_an_instant_are_written_as_nodatime_writes_them()
    {
        AssertSameAsNoda(Instant.MinValue);
        AssertSameAsNoda(Instant.MaxValue);
    }

    [Fact]
    public void Random_instants_are_written_as_nodatime_writes_them()
    {
        var random = new Random(20261123);
        for (var i = 0; i < 5_000; i++)
        {
            // Whole seconds, milliseconds, ticks and nanoseconds over years 0001–9999.
            var seconds = random.NextInt64(-62_135_596_800, 253_402_300_799);
            var fraction = (i % 4) switch
            {
                0 => 0,
                1 => random.Next(1000) * 1_000_000,
                2 => random.Next(10_000_000) * 100,
                _ => random.Next(1_000_000_000),
            };
            AssertSameAsNoda(Instant.FromUnixTimeSeconds(seconds) + Duration.FromNanoseconds(fraction));
        }
    }

    [Fact]
    public void Dictionaries_and_nullables_of_instants_use_it_and_read_back()
    {
        var at = Instant.FromUtc(2026, 7, 1, 9, 30, 15) + Duration.FromTicks(1234567);
        var stored = new Dictionary<string, Instant> { ["m-1"] = at };
        Instant? maybe = at;

        var json = JsonSerializer.Serialize(stored, StorageJson.Options);

        Assert.Equal("""{"m-1":"2026-07-01T09:30:15.1234567Z"}""", json);
        Assert.Equal(at, JsonSerializer.Deserialize<Dictionary<string, Instant>>(json, StorageJson.Options)!["m-1"]);
        Assert.Equal(at, JsonSerializer.Deserialize<Instant?>(JsonSerializer.Serialize(maybe, StorageJson.Options), StorageJson.Options));
        Assert.Equal("null", JsonSerializer.Serialize((Instant?)null, StorageJson.Options));
    }

    [Fact]
    public void What_nodatime_refuses_to_read_is_still_refused()
    {
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize<Instant>("\"2026-07-01 09:30\"", StorageJson.Options));
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize<Instant>("42", StorageJson.Options));
    }

    private static void AssertSameAsNoda(Instant instant)
    {
        var expected = JsonSerializer.Serialize(instant, Noda);

        var written = JsonSerializer.Serialize(instant, StorageJson.Options);

        Assert.Equal(expected, written);
        Assert.Equal(instant, JsonSerializer.Deserialize<Instant>(written, StorageJson.Options));
    }
}
