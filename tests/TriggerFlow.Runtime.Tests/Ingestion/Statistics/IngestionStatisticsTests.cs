using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TriggerFlow.Input;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.Quarantine;
using TriggerFlow.Runtime.Ingestion.Statistics;

namespace TriggerFlow.Runtime.Tests.Ingestion.Statistics;

/// <summary>The per-source counts of <c>GET /api/ingestion/stats</c>, their bound on distinct names, and the same counts as metrics.</summary>
public sealed class IngestionStatisticsTests
{
    [Fact]
    public async Task Each_sources_items_are_counted_by_what_became_of_them()
    {
        await using var host = await IngestionHost.StartAsync();
        const string Batch = """
            {"batch":[
              {"type":"track","userId":"u1","event":"added to cart","messageId":"m1","properties":{"price":2}},
              {"type":"track","userId":"u1","event":"added to cart","messageId":"m2","properties":{"price":"cheap"}},
              {"type":"identify","userId":"u1","messageId":"m3","traits":{"age":"old"}},
              {"type":"screen","userId":"u1","messageId":"m4"}
            ]}
            """;

        await host.PostAsync("/v1/batch", Batch);
        await host.PostAsync("/v1/batch", Batch);

        var stats = await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/stats");
        var shop = stats!["sources"]!["shop"]!;
        Assert.Equal(host.Time.GetUtcNow(), stats["since"]!.GetValue<DateTimeOffset>());
        Assert.Equal((1L, 1L, 2L, 4L, 0L), (Count(shop, "accepted"), Count(shop, "duplicates"), Count(shop, "ignored"), Count(shop, "quarantined"), Count(shop, "dropped")));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"properties.price":2,"traits.age":2}"""), shop["quarantinedByReason"]!["names"]));
        Assert.Equal(2, stats["quarantine"]!["items"]!.GetValue<int>());
        Assert.Null(stats["sources"]!["signed"]);
    }

    [Fact]
    public async Task An_event_the_catalog_does_not_know_is_answered_200_and_counted_never_400()
    {
        await using var host = await IngestionHost.StartAsync();

        var response = await host.PostAsync("/v1/track", """{"userId":"u1","event":"Product Viewed","properties":{"product_id":"p1"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shop = (await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/stats"))!["sources"]!["shop"]!;

        Assert.Equal((1L, 0L), (Count(shop, "ignored"), Count(shop, "quarantined")));
        Assert.Equal(1L, shop["ignoredByName"]!["event"]!["names"]!["Product Viewed"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_event_stamped_2099_is_accepted_at_its_arrival_and_counted_under_time()
    {
        await using var host = await IngestionHost.StartAsync();

        var response = await host.PostAsync("/v1/track", """{"userId":"u1","event":"added to cart","timestamp":"2099-01-01T00:00:00Z","properties":{"price":3}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, input) = Assert.Single(host.Sink.Applied);
        Assert.Equal(NodaTime.Instant.FromDateTimeOffset(host.Time.GetUtcNow()), input.Event!.EventTime);
        var shop = (await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/stats"))!["sources"]!["shop"]!;
        Assert.Equal(1L, shop["ignoredByName"]!["time"]!["names"]![IgnoredPart.FutureTimestamp.Name]!.GetValue<long>());
    }

    [Fact]
    public async Task Replayed_items_are_counted_under_their_source()
    {
        var rules = new TestRuleBook();
        await using var host = await IngestionHost.StartAsync(rules: rules);
        await host.PostAsync("/v1/track", """{"userId":"u1","event":"added to cart","properties":{"price":"cheap"}}""");
        rules.Catalog = rules.With("added to cart", "price", TriggerFlow.Language.Catalog.PropertyType.String);

        await host.Admin.PostAsync("/api/ingestion/quarantine/replay", null);

        var shop = (await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/stats"))!["sources"]!["shop"]!;
        Assert.Equal((1L, 1L, 1L), (Count(shop, "quarantined"), Count(shop, "replayed"), Count(shop, "accepted")));
    }

    [Fact]
    public void Parts_left_out_are_counted_by_kind_and_name()
    {
        var statistics = Statistics(maxNames: 100);

        Record(statistics, "shop", Item(0, new IgnoredPart("event", "Product Viewed")), Item(1, new IgnoredPart("event", "Product Viewed"), new IgnoredPart("trait", "plan")));
        Record(statistics, "shop", Item(0, new IgnoredPart("call", "screen"), new IgnoredPart("property", "added to cart.coupon"), new IgnoredPart("strange", "x")));

        var shop = statistics.Snapshot().Sources["shop"];
        Assert.Equal(2, shop.IgnoredByName["event"].Names["Product Viewed"]);
        Assert.Equal((1L, 1L, 1L, 1L), (shop.IgnoredByName["trait"].Names["plan"], shop.IgnoredByName["call"].Names["screen"], shop.IgnoredByName["property"].Names["added to cart.coupon"], shop.IgnoredByName["other"].Names["x"]));
        Assert.Equal(3, shop.Accepted);
    }

    [Fact]
    public void Endless_distinct_names_keep_memory_bounded_the_frequent_names_listed_and_the_total_exact()
    {
        var statistics = Statistics(maxNames: 10);

        Record(statistics, "shop", [.. Enumerable.Range(0, 50).Select(i => Item(i, new IgnoredPart("event", "Product Viewed")))]);
        Record(statistics, "shop", [.. Enumerable.Range(0, 20_000).Select(i => Item(i, new IgnoredPart("event", $"junk-{i}-" + new string('j', i % 3 == 0 ? 10_000 : 5))))]);

        var events = statistics.Snapshot().Sources["shop"].IgnoredByName["event"];
        Assert.Equal(10, events.Names.Count);
        Assert.Equal(50, events.Names["Product Viewed"]);
        Assert.Equal(20_050, events.Names.Values.Sum() + events.Other);
        Assert.All(events.Names.Keys, n => Assert.True(n.Length <= BoundedCounts.MaxNameLength + 1, $"a {n.Length}-character name was kept"));
    }

    [Fact]
    public void The_counts_are_exported_as_metrics_without_posted_names_in_their_tags()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var measurements = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IngestionStatistics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        var statistics = new IngestionStatistics(Options.Create(new StatisticsOptions()), new FakeTimeProvider(), services.GetRequiredService<IMeterFactory>());

        Record(statistics, "shop", Item(0, new IgnoredPart("event", "Product Viewed")), Item(1), Item(2));

        var items = Assert.Single(measurements, m => m.Instrument == "triggerflow.ingestion.items");
        Assert.Equal((3L, "shop", "accepted"), (items.Value, items.Tags["source"], items.Tags["status"]));
        var parts = Assert.Single(measurements, m => m.Instrument == "triggerflow.ingestion.ignored_parts");
        Assert.Equal((1L, "event"), (parts.Value, parts.Tags["kind"]));
        Assert.DoesNotContain(measurements, m => m.Tags.Values.Contains("Product Viewed"));
    }

    private static IngestionStatistics Statistics(int maxNames)
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        return new IngestionStatistics(Options.Create(new StatisticsOptions { MaxNames = maxNames }), new FakeTimeProvider(), services.GetRequiredService<IMeterFactory>());
    }

    private static IngestItem Item(int index, params IgnoredPart[] parts) =>
        new(index, $"m{index}", "c1", null, null, []) { IgnoredParts = parts };

    private static void Record(IngestionStatistics statistics, string source, params IngestItem[] items) =>
        statistics.Record(source, items, [.. items.Select(i => new ItemResult(i.Index, i.MessageId, ItemStatus.Accepted, null))], new Dictionary<int, QuarantineVerdict>());

    private static long Count(JsonNode source, string name) => source[name]!.GetValue<long>();
}
