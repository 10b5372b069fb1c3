using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Runtime.Ingestion;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.Requests;
using TriggerFlow.Runtime.Ingestion.Segment;
using TriggerFlow.Runtime.Ingestion.Validation;
using TriggerFlow.Simulation.Input;

namespace TriggerFlow.Runtime.Tests.Ingestion;

/// <summary>
/// The live webhook and the backtest's reader take Segment calls through one shared mapping, each
/// with its own wrapping (field errors and ingest items; line errors and records). A backtest is
/// only worth trusting if it sees what the live host would, so every call here goes through both
/// and must come out as the same customer and the same engine input.
/// </summary>
public sealed class SegmentParityTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 7, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TestRuleBook Book = new();

    /// <summary>
    /// Each call, and the per-type endpoint it is posted to (null: the generic one, which needs
    /// <c>type</c>). Segment's vectors carry no message id; the live host hashes the call and the
    /// backtest numbers the line, so they are given one here.
    /// </summary>
    public static TheoryData<string?, string> Calls => new()
    {
        { "identify", Vectors.With(Vectors.Segment("http_01_Identify.json"), ("messageId", "v1")) },
        { "track", Vectors.With(Vectors.Segment("http_02_Track.json"), ("messageId", "v2")) },
        { "page", Vectors.With(Vectors.Segment("http_03_Page.json"), ("messageId", "v3")) },
        { "alias", Vectors.With(Vectors.Segment("http_06_Alias.json"), ("messageId", "v6")) },
        { null, """{"type":"track","messageId":"m1","userId":"mary","event":"added to cart","timestamp":"2026-07-10T09:30:00Z","properties":{"product":"pencil case","price":12.5,"quantity":2}}""" },
        { null, """{"type":"track","messageId":"m2","anonymousId":"anon-7","event":"added to cart","timestamp":"2026-07-10T09:30:00.123+02:00","properties":{"price":3,"unlisted":"x"}}""" },
        { null, """{"type":"track","messageId":"m3","userId":42,"event":"Song Played","timestamp":"2026-07-10T09:30:00Z","properties":{"name":"caf\u00e9","artist":"Bj\u00f6rk"}}""" },
        { "track", """{"messageId":"m4","userId":"mary","event":"added to cart","timestamp":"2026-07-10T09:30:00Z"}""" },
        { null, """{"type":"page","messageId":"m5","userId":"mary","name":"Pens","category":"stationery","timestamp":"2026-07-10T09:31:00Z","properties":{"url":"https://example.com/pens"}}""" },
        { null, """{"type":"page","messageId":"m6","userId":"mary","category":"ignored when the properties have one","timestamp":"2026-07-10T09:31:00Z","properties":{"category":"pens"}}""" },
        { null, """{"type":"identify","messageId":"m7","userId":"mary","anonymousId":"anon-7","timestamp":"2026-07-10T09:32:00Z","traits":{"email":"mary@example.com","age":41}}""" },
        { null, """{"type":"identify","messageId":"m8","anonymousId":"anon-8","timestamp":"2026-07-10T09:33:00Z","traits":{"consent":{"email":false,"sms":true}}}""" },
        { null, """{"type":"identify","messageId":"m11","userId":"mary","timestamp":"2026-07-10T09:36:00Z","context":{"consent":{"categoryPreferences":{"Email":true,"SMS":false,"Advertising":true}}},"traits":{"consent":{"email":false}}}""" },
        { null, """{"type":"identify","messageId":"m12","userId":"mary","timestamp":"2026-07-10T09:37:00Z","context":{"consent":{"categoryPreferences":{"push":false}}}}""" },
        { null, """{"type":"identify","messageId":"m9","userId":"mary","anonymousId":"mary","timestamp":"2026-07-10T09:34:00Z","traits":{}}""" },
        { null, """{"type":"alias","messageId":"m10","previousId":"anon-9","userId":"mary","timestamp":"2026-07-10T09:35:00Z"}""" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void The_backtest_reads_a_call_as_the_live_webhook_takes_it(string? endpoint, string call)
    {
        var live = Live(endpoint, call);

        var backtest = Backtest(call);

        Assert.Equal(live, backtest);
    }

    [Fact]
    public void Screen_and_group_calls_are_ignored_by_both()
    {
        // A file's calls carry their type (a type-less screen call reads as a page: nothing tells them apart).
        foreach (var (endpoint, call) in new[] { ("screen", Vectors.With(Vectors.Segment("http_04_Screen.json"), ("type", "screen"))), ("group", Vectors.Segment("http_05_Group.json")) })
        {
            Assert.NotNull(Map(endpoint, call).IgnoredReason);
            Assert.Empty(Backtest(call));
        }
    }

    /// <summary>What the live host applies: the mapped call, typed with the catalog as the customer grain types it.</summary>
    private static List<string> Live(string? endpoint, string call)
    {
        var item = Map(endpoint, call);
        Assert.True(item.Errors.Count == 0, string.Join("; ", item.Errors.Select(e => $"{e.Field}: {e.Message}")));
        var input = item.Input!;
        var described = new List<string>();
        if (input.PreviousId is { } previous)
        {
            described.Add($"merge {previous} into {item.CustomerId}");
        }

        described.Add($"{item.CustomerId}: {Describe(input.Input)}");
        return described;
    }

    private static List<string> Backtest(string call)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(call.ReplaceLineEndings(" ")));
        var statistics = new ReadStatistics();
        var records = new SegmentReader(stream, Book.Catalog, new EventFileOptions(), statistics).Read().ToList();
        var bad = records.OfType<BadLine>().Select(b => $"{b.Field}: {b.Message}").ToList();
        Assert.True(bad.Count == 0, string.Join("; ", bad));
        return records.Select(r => r switch
        {
            IdentityRecord merge => $"merge {merge.AnonymousId} into {merge.CustomerId}",
            CustomerRecord customer => $"{customer.CustomerId}: {Describe(customer.Input)}",
            _ => r.ToString(),
        }).ToList();
    }

    private static IngestItem Map(string? endpoint, string call)
    {
        var options = new IngestionOptions();
        var request = new IngestionRequest(Encoding.UTF8.GetBytes(call), new Microsoft.AspNetCore.Http.HeaderDictionary(), new InputCatalog(Book.Catalog, options), options, Arrival);
        using var document = JsonDocument.Parse(call);
        return new SegmentMapper(request).Map(document.RootElement.Clone(), endpoint, 0, "");
    }

    /// <summary>The input without its arrival time: the live host stamps its own clock, a backtest the file's.</summary>
    private static string Describe(EngineInput input) => input switch
    {
        EventInput e => $"event {e.MessageId} `{e.Name}` at {e.EventTime} {Bag(e.Properties)}",
        ProfileInput p => $"profile {p.MessageId} {Bag(p.Traits)} consent {Bag(p.Consent.ToDictionary(c => c.Key, c => (object?)c.Value))}",
        _ => input.ToString() ?? "",
    };

    private static string Bag(IEnumerable<KeyValuePair<string, object?>> values) =>
        "{" + string.Join(", ", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={Value(v.Value)}")) + "}";

    private static string Value(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        Instant i => i.ToString(),
        IFormattable f => $"{f.ToString(null, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Value)) + "]",
        _ => value.ToString() ?? "",
    };
}
