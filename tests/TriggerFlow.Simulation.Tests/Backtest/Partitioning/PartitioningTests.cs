using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Simulation.Backtest.Partitioning;

namespace TriggerFlow.Simulation.Tests.Backtest.Partitioning;

/// <summary>The parts of the bucketed backtest: the record encoding, the spilling buckets, the clock horizon, the id groups.</summary>
public sealed class PartitioningTests : IDisposable
{
    private readonly string _temporary = Directory.CreateTempSubdirectory("triggerflow-partitioning-").FullName;

    public static TheoryData<object?> Values => new()
    {
        null,
        "",
        "tools",
        new string('x', Vocabulary.MaxSharedLength + 1),
        "ünïcødé ✓ \n \"quoted\"",
        12.5m,
        -0.000001m,
        decimal.MaxValue,
        true,
        false,
        new LocalDate(2026, 7, 1),
        new LocalDate(1, 1, 1),
        Instant.FromUtc(2026, 7, 1, 9, 30).PlusNanoseconds(123_456_789),
        Instant.FromUtc(1900, 1, 1, 0, 0).PlusNanoseconds(1),
        new[] { "a", "", "b c" },
        Array.Empty<string>(),
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Every_property_value_type_round_trips(object? value)
    {
        var input = new EventInput("m1", "added to cart", PropertyMap.From([KeyValuePair.Create("cart", value)]), Time(0), Time(1));

        var (customer, decoded, horizon) = Assert.Single(RoundTrip(sink => RecordCodec.WriteInput(sink, Words, "c1", input, null)));

        Assert.Equal("c1", customer);
        Assert.Null(horizon);
        var e = Assert.IsType<EventInput>(decoded);
        Assert.Equal((input.MessageId, input.Name, input.EventTime, input.ArrivalTime), (e.MessageId, e.Name, e.EventTime, e.ArrivalTime));
        var (key, read) = Assert.Single(e.Properties);
        Assert.Equal("cart", key);
        Assert.Equal(value, read);
        Assert.Equal(value?.GetType(), read?.GetType());
    }

    [Fact]
    public void Profiles_merges_and_horizons_round_trip_in_order()
    {
        var traits = new Dictionary<string, object?> { ["time_zone"] = "Europe/London", ["lines"] = 3m, ["gone"] = null };
        var consent = new Dictionary<string, bool> { ["email"] = true, ["sms"] = false };
        var profile = new ProfileInput(null, traits, consent, Time(5));
        var horizon = Time(9).PlusNanoseconds(1);

        var records = RoundTrip(sink =>
        {
            RecordCodec.WriteInput(sink, Words, "c2", profile, horizon);
            RecordCodec.WriteMerge(sink, "anon-7", "c2", Time(6), null);
            RecordCodec.WriteInput(sink, Words, "c2", new ProfileInput("p1", new Dictionary<string, object?>(), new Dictionary<string, bool>(), Time(7)), null);
        });

        Assert.Equal(3, records.Count);
        var first = Assert.IsType<ProfileInput>(records[0].Input);
        Assert.Equal(horizon, records[0].Horizon);
        Assert.Null(first.MessageId);
        Assert.Equal(traits, first.Traits);
        Assert.Equal(consent, first.Consent);
        Assert.Equal(["time_zone", "lines", "gone"], first.Traits.Keys);
        Assert.Equal(["email", "sms"], first.Consent.Keys);
        Assert.Equal(("merge", "anon-7", "c2", Time(6)), records[1].Merge);
        Assert.Equal("p1", Assert.IsType<ProfileInput>(records[2].Input).MessageId);
    }

    [Fact]
    public void Property_order_is_kept()
    {
        var properties = PropertyMap.From([KeyValuePair.Create<string, object?>("z", "1"), KeyValuePair.Create<string, object?>("a", 2m), KeyValuePair.Create<string, object?>("m", true)]);
        var input = new EventInput("m", "purchase", properties, Time(0), Time(0));

        var decoded = (EventInput)Assert.Single(RoundTrip(sink => RecordCodec.WriteInput(sink, Words, "c", input, null))).Input!;

        Assert.Equal(["z", "a", "m"], decoded.Properties.Keys);
    }

    [Fact]
    public void Cut_or_unknown_data_is_reported_as_corrupt_never_read_past()
    {
        var sink = new ByteSink(64);
        RecordCodec.WriteInput(sink, Words, "c1", new EventInput("m1", "checkout", PropertyMap.Empty, Time(0), Time(0)), null);
        var whole = sink.Written.ToArray();

        for (var length = 1; length < whole.Length; length++)
        {
            var cut = whole[..length];
            var error = Assert.Throws<InvalidDataException>(() => RecordCodec.ReadAll(cut, Words, new Collect()));
            Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
        }

        Assert.Contains("unknown record kind", Assert.Throws<InvalidDataException>(() => RecordCodec.ReadAll(new byte[] { 42 }, Words, new Collect())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_a_type_inputs_never_hold_is_refused_when_written()
    {
        var input = new EventInput("m", "purchase", PropertyMap.From([KeyValuePair.Create<string, object?>("x", new object())]), Time(0), Time(0));

        var error = Assert.Throws<ArgumentException>(() => RecordCodec.WriteInput(new ByteSink(16), Words, "c", input, null));

        Assert.Contains("cannot be replayed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_values_are_shared_until_the_table_is_full()
    {
        var words = new Vocabulary();

        Assert.True(words.TryShare("tools", out var id));
        Assert.True(words.TryShare("tools", out var again));
        Assert.Equal(id, again);
        Assert.False(words.TryShare(new string('y', Vocabulary.MaxSharedLength + 1), out _));
        for (var i = words.Count; i < Vocabulary.MaxShared; i++)
        {
            words.Id($"w{i}");
        }

        Assert.False(words.TryShare("one more", out _));
        Assert.True(words.TryShare("tools", out _));
    }

    [Fact]
    public void Buckets_spill_full_chunks_and_read_back_in_order_then_delete_their_file()
    {
        string? spilled;
        using (var buckets = new CustomerBuckets(3, _temporary))
        {
            // Bucket 1 gets enough records to be written out several times; bucket 2 none.
            for (var i = 0; i < 30_000; i++)
            {
                var bucket = i % 7 == 0 ? 0 : 1;
                RecordCodec.WriteMerge(buckets.Sink(bucket), $"a{i}", $"c{i}", Time(i), null);
                buckets.EndRecord(bucket);
            }

            Assert.True(buckets.SpilledBytes > CustomerBuckets.ChunkBytes);
            spilled = buckets.SpillPath;
            Assert.True(File.Exists(spilled));

            var scratch = new byte[16];
            var read = Enumerable.Range(0, 3).Select(bucket =>
            {
                var collect = new Collect();
                buckets.ReadBack(bucket, ref scratch, chunk => RecordCodec.ReadAll(chunk, Words, collect));
                return collect.Records.Select(r => r.Merge!.Value.Anonymous).ToList();
            }).ToList();

            Assert.Equal(Enumerable.Range(0, 30_000).Where(i => i % 7 == 0).Select(i => $"a{i}"), read[0]);
            Assert.Equal(Enumerable.Range(0, 30_000).Where(i => i % 7 != 0).Select(i => $"a{i}"), read[1]);
            Assert.Empty(read[2]);
        }

        Assert.False(File.Exists(spilled));
    }

    [Fact]
    public void Small_replays_never_touch_the_disk()
    {
        using var buckets = new CustomerBuckets(4, Path.Combine(_temporary, "missing"));
        RecordCodec.WriteMerge(buckets.Sink(2), "a", "c", Time(0), null);
        buckets.EndRecord(2);

        Assert.Null(buckets.SpillPath);
        Assert.Equal(0, buckets.SpilledBytes);
    }

    [Fact]
    public void A_temporary_folder_that_cannot_be_written_is_named_in_the_error()
    {
        var missing = Path.Combine(_temporary, "no-such-folder");
        using var buckets = new CustomerBuckets(1, missing);

        var error = Assert.Throws<IOException>(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                RecordCodec.WriteMerge(buckets.Sink(0), $"a{i}", $"c{i}", Time(i), null);
                buckets.EndRecord(0);
            }
        });

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("TMPDIR", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_horizon_is_the_latest_arrival_since_the_bucket_last_had_an_input(int seed)
    {
        var random = new Random(seed);
        const int buckets = 4;
        var horizon = new ArrivalHorizon(buckets);
        var arrivals = new List<(int Bucket, Instant At)>();
        for (var i = 0; i < 2_000; i++)
        {
            var bucket = random.Next(buckets);
            var at = Time(random.Next(3) == 0 ? random.Next(0, i + 1) : i);
            var previous = arrivals.FindLastIndex(a => a.Bucket == bucket);
            var between = arrivals.Skip(previous + 1).Select(a => a.At).DefaultIfEmpty(Instant.MinValue).Max();
            Instant? expected = between > at ? between : null;

            Assert.Equal(expected, horizon.Next(bucket, at));
            arrivals.Add((bucket, at));
        }
    }

    [Fact]
    public void Ids_linked_by_merges_share_a_bucket_whatever_the_order_of_the_merges()
    {
        var components = new IdentityComponents();
        components.Link("anon-1", "mary");
        components.Link("anon-2", "anon-3");
        components.Link("anon-3", "mary");
        components.Link("mary", "anon-1");

        foreach (var buckets in new[] { 2, 7, 64, 512 })
        {
            var bucket = components.BucketOf("mary", buckets);
            Assert.All(new[] { "anon-1", "anon-2", "anon-3" }, id => Assert.Equal(bucket, components.BucketOf(id, buckets)));
            Assert.InRange(components.BucketOf("someone-else", buckets), 0, buckets - 1);
        }

        Assert.Equal(4, components.Linked);
    }

    public void Dispose() => Directory.Delete(_temporary, recursive: true);

    private static Vocabulary Words { get; } = new();

    private static Instant Time(int minutes) => Instant.FromUtc(2026, 7, 1, 0, 0) + Duration.FromMinutes(minutes);

    private static List<Collect.Record> RoundTrip(Action<ByteSink> write)
    {
        var sink = new ByteSink(16);
        write(sink);
        var collect = new Collect();
        RecordCodec.ReadAll(sink.Written, Words, collect);
        return collect.Records;
    }

    /// <summary>Collects decoded records with their customers' ids.</summary>
    private sealed class Collect : IRecordTarget
    {
        private readonly List<string> _ids = [];
        private readonly Dictionary<string, int> _numbers = [];

        public List<Record> Records { get; } = [];

        public int Customer(ReadOnlySpan<byte> utf8)
        {
            var id = System.Text.Encoding.UTF8.GetString(utf8);
            if (!_numbers.TryGetValue(id, out var number))
            {
                number = _ids.Count;
                _numbers[id] = number;
                _ids.Add(id);
            }

            return number;
        }

        public void Input(int customer, EngineInput input, Instant? horizon) => Records.Add(new Record(_ids[customer], input, horizon, null));

        public void Merge(int anonymous, int customer, Instant at, Instant? horizon) =>
            Records.Add(new Record(_ids[customer], null, horizon, ("merge", _ids[anonymous], _ids[customer], at)));

        public sealed record Record(string Customer, EngineInput? Input, Instant? Horizon, (string Kind, string Anonymous, string Customer, Instant At)? Merge)
        {
            public void Deconstruct(out string customer, out EngineInput? input, out Instant? horizon) => (customer, input, horizon) = (Customer, Input, Horizon);
        }
    }
}
