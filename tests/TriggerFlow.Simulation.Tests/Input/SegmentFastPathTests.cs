using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Simulation.Input;
using TriggerFlow.Testing;

namespace TriggerFlow.Simulation.Tests.Input;

/// <summary>
/// The Segment reader's fast path against its JsonDocument path: the same lines read with the fast
/// path on and off must give the same records (field by field, properties in order and typed), the
/// same statistics and the same messages. Random lines are mostly the common track call, and the
/// rest every way of being something else; the fixed lines show what the fast path takes and what
/// it leaves to the JsonDocument path.
/// </summary>
public sealed class SegmentFastPathTests
{
    private const string Common =
        """{"userId":"c1","type":"track","event":"added to cart","messageId":"e1","timestamp":"2026-07-01T00:00:00.2592Z","receivedAt":"2026-07-01T00:00:01Z","properties":{"category":"hats","cart":"k2","price":12.5}}""";

    private static readonly string[] Times = ["2099-01-01T00:00:00Z", "2026-07-01T00:00:00Z", "2026-07-01T00:00:00.2592Z", "2026-07-01T09:30:00.123456789Z", "2026-07-01T11:30:00+02:00", "2026-07-01T09:30:00.000Z", "2026-07-01 08:00:00 UTC", "2026-07-01 10:15:00.5Z", "2026-06-30T23:59:59-07:00"];

    private static readonly (string Name, string Value)[] Extras =
    [
        ("context", """{"ip":"1.2.3.4","note":"caf\u00e9","consent":{"categoryPreferences":{"Email":true,"sms":false}}}"""),
        ("traits", """{"country":"US","lines":2,"has_children":true,"shoe size":9}"""),
        ("previousId", "\"p-1\""),
        ("category", "\"kids\""),
        ("name", "\"Home\""),
        ("integrations", """{"All":true,"list":[1,[2,{"x":null}]]}"""),
        ("groupId", "\"g\""),
    ];

    private static readonly string[] BadTimes = ["\"2026-02-30T00:00:00Z\"", "\"2026-07-01\"", "\"yesterday\"", "\"2026-07-01T24:00:00Z\"", "\"2026-07-01T09:30:00.1234567891Z\"", "\"\"", "null", "5", "\"2026-07-01T00:00:00\\u005A\""];

    private static readonly Gen<string> Line = Gen.Frequency(
        (30, Call(odd: 0)),
        (10, Call(odd: 1)),
        (2, from call in Call(odd: 1) from cut in Gen.Choose(1, call.Length - 1) select call[..cut]),
        (2, from call in Call(odd: 0) from tail in Gen.Elements(" x", "}", ",", "{}", " \t", "]", " null") select call + tail),
        (1, Gen.Elements("", "   ", "[1,2]", "\"track\"", "null", "42", "{}", "{\"batch\":5}", "{\"batch\":[]}")),
        (2, Call(odd: 1).ListOf(2).Select(calls => $"{{\"batch\":[{string.Join(",", calls)}]}}")),
        (1, Call(odd: 0).Select(call => " \t" + call + " ")));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Random_lines_read_the_same_with_and_without_the_fast_path(bool renamed)
    {
        var lines = PropertyRuns.Sample(Line, seed: 20260329, size: 50, count: 3_000);
        Func<EventFileOptions> options = renamed ? Renamed : Default;

        var fast = Read(lines, fastPath: true, options);
        var slow = Read(lines, fastPath: false, options);

        AssertSame(lines, fast, slow);
        Assert.True(fast.FastLines > lines.Length / 5, $"only {fast.FastLines} of {lines.Length} lines took the fast path");
    }

    [Theory]
    [InlineData("the common line", Common)]
    [InlineData("no type, an event", """{"userId":"c1","event":"checkout","timestamp":"2026-07-01T00:00:00Z","properties":{"total":10}}""")]
    [InlineData("type null, an event", """{"type":null,"userId":"c1","event":"checkout","timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("userId null, an anonymousId", """{"type":"track","userId":null,"anonymousId":"a1","event":"checkout","timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("a userId and an anonymousId of another type", """{"type":"track","userId":"c1","anonymousId":7,"event":"checkout","timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("an offset originalTimestamp beside a timestamp", """{"type":"track","userId":"c1","event":"checkout","timestamp":"2026-07-01T00:00:00Z","originalTimestamp":"2026-07-01T02:00:00+02:00"}""")]
    [InlineData("sentAt, no receivedAt", """{"type":"track","userId":"c1","event":"checkout","timestamp":"2026-07-01T00:00:00Z","sentAt":"2026-07-01T00:00:03.5Z"}""")]
    [InlineData("originalTimestamp only", """{"type":"track","userId":"c1","event":"checkout","originalTimestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("receivedAt only", """{"type":"track","userId":"c1","event":"checkout","receivedAt":"2026-07-01T00:00:00Z"}""")]
    [InlineData("a timestamp with an offset", """{"userId":"c1","type":"track","event":"checkout","timestamp":"2026-07-01T02:00:00+02:00"}""")]
    [InlineData("Segment's spec names and property aliases", """{"userId":"c1","type":"track","event":"Product Added","timestamp":"2026-07-01T00:00:00Z","properties":{"cart_id":"k1","product_id":"p1","price":2}}""")]
    [InlineData("a dataset's timestamp with a space and UTC", """{"userId":"c1","type":"track","event":"checkout","timestamp":"2026-07-01 00:00:00 UTC"}""")]
    [InlineData("clock skew: a device an hour fast, corrected by sentAt and receivedAt", """{"userId":"c1","type":"track","event":"checkout","timestamp":"2026-07-01T01:00:00Z","sentAt":"2026-07-01T01:00:05Z","receivedAt":"2026-07-01T00:00:06Z"}""")]
    [InlineData("an export: timestamp already corrected, originalTimestamp beside it", """{"userId":"c1","type":"track","event":"checkout","timestamp":"2026-07-01T00:00:00Z","originalTimestamp":"2026-07-01T03:00:00+02:00","sentAt":"2026-07-01T01:00:05Z","receivedAt":"2026-07-01T00:00:06Z"}""")]
    [InlineData("a property given twice", """{"type":"track","userId":"c1","event":"added to cart","timestamp":"2026-07-01T00:00:00Z","properties":{"cart":"k1","price":1,"cart":"k2"}}""")]
    [InlineData("an event outside the catalog", """{"type":"track","userId":"c1","event":"Song Played","timestamp":"2026-07-01T00:00:00Z","properties":{"x":[1]}}""")]
    [InlineData("an event named in another case", """{"type":"track","userId":"c1","event":"CHECKOUT","timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("a number and a boolean for strings", """{"type":"track","userId":"c1","event":"added to cart","timestamp":"2026-07-01T00:00:00Z","properties":{"cart":12.50,"product":true}}""")]
    [InlineData("a number given as a string", """{"type":"track","userId":"c1","event":"added to cart","timestamp":"2026-07-01T00:00:00Z","properties":{"price":"12.50"}}""")]
    [InlineData("nulls, and properties outside the catalog", """{"type":"track","userId":"c1","event":"added to cart","timestamp":"2026-07-01T00:00:00Z","properties":{"price":null,"colour":"red","extra":{"a":[1]}}}""")]
    [InlineData("escapes and lists in fields it skips", """{"type":"track","userId":"c1","event":"checkout","timestamp":"2026-07-01T00:00:00Z","context":{"note":"caf\u00e9","list":[1,2]}}""")]
    [InlineData("properties null, messageId null", """{"type":"track","userId":"c1","event":"checkout","timestamp":"2026-07-01T00:00:00Z","properties":null,"messageId":null}""")]
    public void Fast_path_reads_the_common_shapes(string shape, string line)
    {
        var fast = Read([line], fastPath: true, Default);
        var slow = Read([line], fastPath: false, Default);

        AssertSame([line], fast, slow);
        Assert.Equal((shape, 1L), (shape, fast.FastLines));
    }

    [Theory]
    [InlineData("a batch", $$"""{"batch":[{{Common}}]}""")]
    [InlineData("an escaped field name", """{"us\u0065rId":"c1","type":"track","event":"checkout","timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("an escaped value", """{"userId":"c\u0031","type":"track","event":"checkout","timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("an escaped property name", """{"userId":"c1","type":"track","event":"added to cart","timestamp":"2026-07-01T00:00:00Z","properties":{"c\u0061rt":"k2"}}""")]
    [InlineData("an escaped property value", """{"userId":"c1","type":"track","event":"added to cart","timestamp":"2026-07-01T00:00:00Z","properties":{"cart":"k\"2"}}""")]
    [InlineData("a field given twice", """{"userId":"c1","userId":"c2","type":"track","event":"checkout","timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("properties given twice", """{"userId":"c1","type":"track","event":"checkout","timestamp":"2026-07-01T00:00:00Z","properties":{},"properties":{"total":1}}""")]
    [InlineData("a number for the userId", """{"userId":5,"anonymousId":"a1","type":"track","event":"checkout","timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("no customer", """{"type":"track","event":"checkout","timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("a number for the event", """{"userId":"c1","type":"track","event":5,"timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("the type in another case", """{"userId":"c1","type":"Track","event":"checkout","timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("a page call", """{"userId":"c1","type":"page","name":"Home","category":"kids","timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("an identify call", """{"userId":"c1","anonymousId":"a1","type":"identify","traits":{"country":"US"},"timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("an alias call", """{"userId":"c1","previousId":"a1","type":"alias","timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("a malformed timestamp", """{"userId":"c1","type":"track","event":"checkout","timestamp":"2026-07-01"}""")]
    [InlineData("a malformed sentAt", """{"userId":"c1","type":"track","event":"checkout","timestamp":"2026-07-01T00:00:00Z","sentAt":"soon"}""")]
    [InlineData("no time", """{"userId":"c1","type":"track","event":"checkout"}""")]
    [InlineData("properties not an object", """{"userId":"c1","type":"track","event":"checkout","timestamp":"2026-07-01T00:00:00Z","properties":[1]}""")]
    [InlineData("an object for a catalog property", """{"userId":"c1","type":"track","event":"added to cart","timestamp":"2026-07-01T00:00:00Z","properties":{"price":{"amount":1}}}""")]
    [InlineData("a list property", """{"userId":"c1","type":"track","event":"churn signal","timestamp":"2026-07-01T00:00:00Z","properties":{"reasons":["price"]}}""")]
    [InlineData("a number with an exponent", """{"userId":"c1","type":"track","event":"added to cart","timestamp":"2026-07-01T00:00:00Z","properties":{"price":1e2}}""")]
    [InlineData("a value its type rejects", """{"userId":"c1","type":"track","event":"added to cart","timestamp":"2026-07-01T00:00:00Z","properties":{"colour":"red","price":"lots"}}""")]
    [InlineData("a boolean for a number", """{"userId":"c1","type":"track","event":"added to cart","timestamp":"2026-07-01T00:00:00Z","properties":{"price":true}}""")]
    [InlineData("a number for the messageId", """{"userId":"c1","type":"track","event":"checkout","messageId":7,"timestamp":"2026-07-01T00:00:00Z"}""")]
    [InlineData("a truncated line", """{"userId":"c1","type":"track","event":"checkout","timestamp":"2026-07-01T00:00:00Z""")]
    [InlineData("content after the call", """{"userId":"c1","type":"track","event":"checkout","timestamp":"2026-07-01T00:00:00Z"} x""")]
    [InlineData("a second value after the call", """{"userId":"c1","type":"track","event":"checkout","timestamp":"2026-07-01T00:00:00Z"}{}""")]
    [InlineData("not an object", """["track"]""")]
    [InlineData("a device clock in 2099, set to the arrival and counted", """{"userId":"c1","type":"track","event":"checkout","timestamp":"2099-01-01T00:00:00Z","receivedAt":"2026-07-01T00:00:00Z"}""")]
    [InlineData("a property by its name and by an alias", """{"userId":"c1","type":"track","event":"purchase","timestamp":"2026-07-01T00:00:00Z","properties":{"revenue":10,"total":20}}""")]
    [InlineData("an alias in another case", """{"userId":"c1","type":"track","event":"purchase","timestamp":"2026-07-01T00:00:00Z","properties":{"Order_ID":"o1"}}""")]
    public void Fast_path_leaves_other_lines_to_the_JsonDocument_path(string reason, string line)
    {
        var fast = Read([line], fastPath: true, Default);
        var slow = Read([line], fastPath: false, Default);

        AssertSame([line], fast, slow);
        Assert.Equal((reason, 0L), (reason, fast.FastLines));
    }

    [Fact]
    public void Fast_path_leaves_lines_with_invalid_utf8_to_the_JsonDocument_path()
    {
        byte[] line = [.. "{\"userId\":\"c1\",\"type\":\"track\",\"event\":\"checkout\",\"timestamp\":\"2026-07-01T00:00:00Z\",\"context\":{\"note\":\""u8, 0xFF, .. "\"}}"u8];

        var fast = Read(line, fastPath: true, Default);
        var slow = Read(line, fastPath: false, Default);

        Assert.Equal(0, fast.FastLines);
        Assert.Equal(slow.Records, fast.Records);
        Assert.Equal(slow.Statistics, fast.Statistics);
    }

    [Fact]
    public void Fast_path_leaves_lines_nested_too_deep_to_the_JsonDocument_path()
    {
        var line = $$"""{"userId":"c1","type":"track","event":"checkout","timestamp":"2026-07-01T00:00:00Z","context":{{new string('[', 70) + new string(']', 70)}}}""";

        var fast = Read([line], fastPath: true, Default);
        var slow = Read([line], fastPath: false, Default);

        AssertSame([line], fast, slow);
        Assert.Equal(0, fast.FastLines);
    }

    private static EventFileOptions Default() => new();

    private static EventFileOptions Renamed()
    {
        EventNameMap.TryParse(["Item Purchased=purchase", "song played=store visit"], EventFiles.Catalog, out var names, out var error);
        return new EventFileOptions { EventNames = names ?? throw new InvalidOperationException(error), PageEvent = null };
    }

    /// <summary>
    /// A Segment call. Each field is usually of the common shape, sometimes absent, and — weighted by
    /// <paramref name="odd"/>, none when 0 — sometimes of a shape the fast path must leave alone; at
    /// times the fields come shuffled or with one given twice.
    /// </summary>
    private static Gen<string> Call(int odd) =>
        from fields in Fields(odd)
        from order in Gen.Frequency((3, Gen.Constant(fields.ToArray())), (1, Gen.Shuffle(fields.ToArray())))
        from twice in Gen.Frequency((12, Gen.Constant(-1)), (odd, Gen.Choose(0, Math.Max(0, fields.Count - 1))))
        from again in Gen.Elements("\"again\"", "null", "same")
        let copies = twice >= 0 && twice < order.Length ? Enumerable.Repeat((order[twice].Name, Value: again == "same" ? order[twice].Value : again), 1) : []
        select "{" + string.Join(",", order.Concat(copies).Select(f => $"\"{f.Name}\":{f.Value}")) + "}";

    private static Gen<List<(string Name, string Value)>> Fields(int odd) =>
        from type in Field("type", odd, 12, Gen.Constant("\"track\""), 2, "\"page\"", "\"identify\"", "\"alias\"", "\"screen\"", "\"group\"", "\"Track\"", "\"launch\"", "null", "5", "\"tr\\u0061ck\"")
        from name in Field("event", odd, 12, Gen.Elements("added to cart", "viewed product", "purchase", "Purchase", "checkout", "browsed category", "churn signal", "store visit", "Item Purchased", "song played", "Product Added", "Product Viewed", "Order Completed", "checkout started", "com.shop.cart.item-added").Select(Quoted), 1, "null", "5", "\"\"", "\"purch\\u0061se\"", "[\"purchase\"]")
        from user in Field("userId", odd, 6, Gen.Elements("c0811860", "anon-7", "", "ü-user").Select(Quoted), 2, "null", "5", "{}", "\"c\\u0031\"")
        from anonymous in Field("anonymousId", odd, 2, Gen.Elements("a-1", "c0811860").Select(Quoted), 5, "null", "7")
        from message in Field("messageId", odd, 6, Gen.Choose(0, 50).Select(n => $"\"e{n}\""), 2, "null", "7", "\"m\\\"1\"")
        from timestamp in Field("timestamp", odd, 8, Gen.Elements(Times).Select(Quoted), 1, BadTimes)
        from original in Field("originalTimestamp", odd, 2, Gen.Elements(Times).Select(Quoted), 6, BadTimes)
        from received in Field("receivedAt", odd, 5, Gen.Elements(Times).Select(Quoted), 3, BadTimes)
        from sent in Field("sentAt", odd, 2, Gen.Elements(Times).Select(Quoted), 6, BadTimes)
        from properties in Field("properties", odd, 8, Properties(odd), 1, "null", "[]", "\"x\"", "5")
        from extras in Gen.SubListOf(odd > 0 ? [.. Extras, ("us\\u0065rId", "\"escaped-name\"")] : Extras)
        select type.Concat(name).Concat(user).Concat(anonymous).Concat(message).Concat(timestamp).Concat(original).Concat(received).Concat(sent).Concat(properties).Concat(extras).ToList();

    /// <summary>One field: <paramref name="usual"/> parts of its usual values, <paramref name="absent"/> parts absent, <paramref name="odd"/> parts one of the odd ones.</summary>
    private static Gen<IEnumerable<(string Name, string Value)>> Field(string name, int odd, int usual, Gen<string> values, int absent, params string[] odds) => Gen.Frequency(
        (usual, values.Select(v => Enumerable.Repeat((name, v), 1))),
        (absent, Gen.Constant(Enumerable.Empty<(string, string)>())),
        (odd, Gen.Elements(odds).Select(v => Enumerable.Repeat((name, v), 1))));

    private static Gen<string> Properties(int odd) =>
        from count in Gen.Choose(0, 5)
        from members in (from name in PropertyName(odd) from value in PropertyValue(odd) select $"\"{name}\":{value}").ListOf(count)
        select "{" + string.Join(",", members) + "}";

    private static Gen<string> PropertyName(int odd) => Gen.Frequency(
        (8, Gen.Elements("category", "cart", "product", "price", "quantity", "total", "order", "location", "store", "distance_m", "reasons", "score", "rule_name", "url", "brand", "medium")),
        (3, Gen.Elements("product_id", "cart_id", "order_id", "revenue", "value", "PRODUCT_ID")),
        (2, Gen.Elements("colour", "utm_source", "Category")),
        (odd, Gen.Constant("c\\u0061rt")));

    private static Gen<string> PropertyValue(int odd) => Gen.Frequency(
        (5, Gen.Elements("hats", "", "é clair", "日本", new string('x', 70), "42", "12.50", " 7 ", "-0", "2026-07-01", "2026-07-01T09:30:00Z", "2026-07-01T09:30:00+02:00", "true", "lots").Select(Quoted)),
        (4, Gen.Elements("168", "-0", "0.10", "12.50", "-7.25", "0", "123456789012345678901234567890")),
        (2, Gen.Elements("true", "false", "null")),
        (odd, Gen.Elements("1e3", "1.5E-2", "\"a\\\"b\"", "\"caf\\u00e9\"", "[\"a\",\"b\"]", "[]", "{\"x\":1}", "[1,{\"y\":[2]}]")));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Lines_parsed_on_several_threads_come_out_as_one_reader_gives_them(int workers)
    {
        // Enough lines for many batches, so batches finish out of order on the pool.
        var lines = PropertyRuns.Sample(Line, seed: 20260330, size: 50, count: 3 * ParallelLines.BatchLines * 4);
        var file = Encoding.UTF8.GetBytes(string.Join('\n', lines));

        var single = Read(file, fastPath: true, Default);
        using var stream = new MemoryStream(file);
        var statistics = new ReadStatistics();
        var records = ParallelLines.Read(stream, () => Parser(statistics: new ReadStatistics()), statistics, workers).Select(r => (r.Line, Describe(r))).ToList();

        Assert.Equal(single.Records, records);
        Assert.Equal(single.Statistics, Describe(statistics));
    }

    [Fact]
    public void A_consumer_that_stops_early_stops_the_parallel_reader()
    {
        // Many times what the reader holds at once (its 1 MB buffer and the batches in flight), whatever the lines' lengths.
        var lines = PropertyRuns.Sample(Line, seed: 20260331, size: 50, count: ParallelLines.BatchLines * 8);
        var file = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Repeat(string.Join('\n', lines), 8)));
        using var stream = new MemoryStream(file);

        var first = ParallelLines.Read(stream, () => Parser(new ReadStatistics()), new ReadStatistics(), workers: 2).Take(10).ToList();

        Assert.Equal(10, first.Count);
        Assert.True(stream.Position < stream.Length, $"the whole file ({stream.Length:N0} bytes, {file.Length:N0}) was read for ten records");
    }

    private static (LineParser Parse, ReadStatistics Counts) Parser(ReadStatistics statistics) =>
        (new SegmentReader(Stream.Null, EventFiles.Catalog, Default(), statistics).ReadCounted, statistics);

    private static string Quoted(string text) => $"\"{text}\"";

    private static Reading Read(IEnumerable<string> lines, bool fastPath, Func<EventFileOptions> options) =>
        Read(Encoding.UTF8.GetBytes(string.Join('\n', lines)), fastPath, options);

    private static Reading Read(byte[] file, bool fastPath, Func<EventFileOptions> options)
    {
        using var stream = new MemoryStream(file);
        var statistics = new ReadStatistics();
        var reader = new SegmentReader(stream, EventFiles.Catalog, options(), statistics) { FastPath = fastPath };
        var records = reader.Read().Select(r => (r.Line, Describe(r))).ToList();
        return new Reading(records, Describe(statistics), reader.FastLines);
    }

    private static void AssertSame(IReadOnlyList<string> lines, Reading fast, Reading slow)
    {
        for (var line = 1; line <= lines.Count; line++)
        {
            var fastRecords = fast.Records.Where(r => r.Line == line).Select(r => r.Text).ToList();
            var slowRecords = slow.Records.Where(r => r.Line == line).Select(r => r.Text).ToList();
            Assert.True(fastRecords.SequenceEqual(slowRecords), $"line {line}: {lines[line - 1]}\nfast path:\n  {string.Join("\n  ", fastRecords)}\nJsonDocument path:\n  {string.Join("\n  ", slowRecords)}");
        }

        Assert.Equal(slow.Records, fast.Records);
        Assert.Equal(slow.Statistics, fast.Statistics);
    }

    private static string Describe(SourceRecord record) => record switch
    {
        CustomerRecord { Input: EventInput e } c =>
            $"event for {c.CustomerId}: id {e.MessageId}, {e.Name}, at {Time(e.EventTime)}, arrived {Time(e.ArrivalTime)}, properties {Values(e.Properties)}",
        CustomerRecord { Input: ProfileInput p } c =>
            $"profile of {c.CustomerId}: id {p.MessageId ?? "none"}, arrived {Time(p.ArrivalTime)}, traits {Values(p.Traits.OrderBy(t => t.Key, StringComparer.Ordinal))}, consent {string.Join(", ", p.Consent.OrderBy(c => c.Key, StringComparer.Ordinal))}",
        IdentityRecord i => $"merge {i.AnonymousId} into {i.CustomerId} at {Time(i.At)}",
        BadLine bad => bad.ToString(),
        _ => record.ToString(),
    };

    /// <summary>Names and values in order, each value with its type; a decimal with its bits, so 0.10 is not 0.1 nor -0 0.</summary>
    private static string Values(IEnumerable<KeyValuePair<string, object?>> values) =>
        "[" + string.Join(", ", values.Select(v => $"{v.Key}={Typed(v.Value)}")) + "]";

    private static string Typed(object? value) => value switch
    {
        null => "null",
        IEnumerable<string> list => $"list [{string.Join("|", list)}]",
        decimal number => $"decimal {number.ToString(CultureInfo.InvariantCulture)} ({string.Join(" ", decimal.GetBits(number))})",
        Instant instant => $"Instant {Time(instant)}",
        IFormattable formattable => $"{value.GetType().Name} {formattable.ToString(null, CultureInfo.InvariantCulture)}",
        _ => $"{value.GetType().Name} {value}",
    };

    private static string Time(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    private static string Describe(ReadStatistics s) =>
        $"lines {s.Lines}, events {s.Events}, profiles {s.Profiles}, merges {s.Merges}, bad {s.BadLines}, out of order {s.OutOfOrder}; " +
        $"unknown events [{string.Join(", ", s.UnknownEvents)}]; ignored calls [{string.Join(", ", s.IgnoredCalls)}]; ignored fields [{string.Join(", ", s.IgnoredFields)}]";

    private sealed record Reading(List<(long Line, string Text)> Records, string Statistics, long FastLines);
}
