using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using static TriggerFlow.Runtime.Tests.Ingestion.SegmentApiTests;

namespace TriggerFlow.Runtime.Tests.Ingestion.Quarantine;

/// <summary>
/// The quarantine's bounds against hostile and broken sources: past them an unusable item is still
/// answered 200, with status <c>rejected</c> and the reason, and counted as dropped; the store never grows past them.
/// </summary>
public sealed class QuarantineLimitsTests
{
    [Fact]
    public async Task Past_the_item_limit_unusable_items_are_answered_rejected_and_counted_as_dropped()
    {
        await using var host = await IngestionHost.StartAsync(s => s["TriggerFlow:Ingestion:Quarantine:MaxItems"] = "3");

        var response = await host.PostAsync("/v1/batch", Batch(5, i => $$$"""{"type":"track","userId":"u{{{i}}}","event":"added to cart","properties":{"price":"p{{{i}}}"}}"""));

        var answer = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(answer["success"]!.GetValue<bool>());
        Assert.Equal(["quarantined", "quarantined", "quarantined", "rejected", "rejected"], answer["items"]!.AsArray().Select(i => i!["status"]!.GetValue<string>()));
        Assert.StartsWith("not kept: the quarantine is full (at most 3 items", answer["items"]![3]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var shop = (await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/stats"))!["sources"]!["shop"]!;
        Assert.Equal((3, 2, 2L), (shop["quarantined"]!.GetValue<int>(), shop["dropped"]!.GetValue<int>(), shop["droppedByReason"]!["names"]!["quarantine full"]!.GetValue<long>()));
        Assert.Equal(3, (await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine"))!["size"]!["items"]!.GetValue<int>());
    }

    [Fact]
    public async Task Discarding_makes_room_again()
    {
        await using var host = await IngestionHost.StartAsync(s => s["TriggerFlow:Ingestion:Quarantine:MaxItems"] = "1");
        await host.PostAsync("/v1/track", """{"userId":"u1","event":"added to cart","properties":{"price":"a"}}""");

        var full = await Json(await host.PostAsync("/v1/track", """{"userId":"u1","event":"added to cart","properties":{"price":"b"}}"""));
        await host.Admin.DeleteAsync("/api/ingestion/quarantine?all=true");
        var room = await Json(await host.PostAsync("/v1/track", """{"userId":"u1","event":"added to cart","properties":{"price":"b"}}"""));

        Assert.Equal(("rejected", "quarantined"), (full["items"]![0]!["status"]!.GetValue<string>(), room["items"]![0]!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_huge_unusable_item_is_not_kept_while_a_small_one_beside_it_is()
    {
        await using var host = await IngestionHost.StartAsync(s => s["TriggerFlow:Ingestion:Quarantine:MaxItemBytes"] = "1024");
        var huge = $$$"""{"type":"track","userId":"u1","event":"added to cart","properties":{"price":"{{{new string('9', 200_000)}}}x"}}""";
        var small = """{"type":"track","userId":"u2","event":"added to cart","properties":{"price":"cheap"}}""";

        var answer = await Json(await host.PostAsync("/v1/batch", $$$"""{"batch":[{{{huge}}},{{{small}}}]}"""));

        Assert.Equal(["rejected", "quarantined"], answer["items"]!.AsArray().Select(i => i!["status"]!.GetValue<string>()));
        Assert.Equal($"not kept in the quarantine: the item is {huge.Length:N0} bytes and at most 1,024 are kept per item", answer["items"]![0]!["reason"]!.GetValue<string>());
        var stats = await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/stats");
        Assert.Equal(1L, stats!["sources"]!["shop"]!["droppedByReason"]!["names"]!["item too large"]!.GetValue<long>());
        Assert.Equal(small.Length, stats["quarantine"]!["bytes"]!.GetValue<int>());
    }

    [Fact]
    public async Task Past_the_byte_limit_items_are_dropped_even_below_the_item_limit()
    {
        await using var host = await IngestionHost.StartAsync(s =>
        {
            s["TriggerFlow:Ingestion:Quarantine:MaxBytes"] = "2048";
            s["TriggerFlow:Ingestion:Quarantine:MaxItemBytes"] = "1024";
        });
        var padding = new string('p', 800);

        var answer = await Json(await host.PostAsync("/v1/batch", Batch(3, i => $$$"""{"type":"track","userId":"u{{{i}}}","event":"added to cart","properties":{"price":"{{{padding}}}{{{i}}}"}}""")));

        Assert.Equal(["quarantined", "quarantined", "rejected"], answer["items"]!.AsArray().Select(i => i!["status"]!.GetValue<string>()));
        Assert.InRange((await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine"))!["size"]!["bytes"]!.GetValue<long>(), 1, 2048);
    }

    [Fact]
    public async Task A_flood_of_distinct_unusable_items_is_answered_in_full_and_kept_only_up_to_the_limit()
    {
        await using var host = await IngestionHost.StartAsync(s => s["TriggerFlow:Ingestion:Quarantine:MaxItems"] = "100");

        var response = await host.PostAsync("/v1/batch", Batch(1_000, i => $$$"""{"type":"track","userId":"u{{{i}}}","event":"added to cart","messageId":"flood-{{{i}}}","properties":{"price":"v{{{i}}}","quantity":"q{{{i}}}"}}"""));

        var answer = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((100, 900), (answer["quarantined"]!.GetValue<int>(), answer["rejected"]!.GetValue<int>()));
        Assert.Equal(1_000, answer["items"]!.AsArray().Count);
        Assert.Equal(100, (await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine"))!["size"]!["items"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("MaxItemBytes", "4096", "MaxBytes", "2048", "MaxItemBytes (4,096) is larger than MaxBytes (2,048)")]
    [InlineData("MaxItems", "0", "MaxBytes", "2048", "MaxItems")]
    [InlineData("MaxItemBytes", "10", "MaxItems", "5", "MaxItemBytes")]
    public async Task Limits_that_cannot_work_stop_the_host_at_start_naming_the_setting(string name, string value, string other, string otherValue, string expected)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => IngestionHost.StartAsync(s =>
        {
            s[$"TriggerFlow:Ingestion:Quarantine:{name}"] = value;
            s[$"TriggerFlow:Ingestion:Quarantine:{other}"] = otherValue;
        }));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    private static string Batch(int count, Func<int, string> item) => "{\"batch\":[" + string.Join(',', Enumerable.Range(0, count).Select(item)) + "]}";
}
