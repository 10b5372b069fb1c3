using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Runtime.Orchestration;
using static TriggerFlow.Runtime.Tests.Ingestion.SegmentApiTests;

namespace TriggerFlow.Runtime.Tests.Ingestion.Quarantine;

/// <summary>
/// Unusable items through real HTTP: answered 200 <c>quarantined</c>, kept in the SQLite quarantine,
/// listed, downloaded, replayed once the catalog is fixed, discarded; the admin key guards it all.
/// </summary>
public sealed class QuarantineApiTests : IAsyncLifetime
{
    private const string CheapPen = """{"userId":"u1","event":"added to cart","messageId":"cheap-1","timestamp":"2026-03-01T11:59:00Z","properties":{"product":"pen","price":"cheap"}}""";

    private readonly TestRuleBook rules = new();
    private IngestionHost host = null!;

    public async Task InitializeAsync() => host = await IngestionHost.StartAsync(rules: rules);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_wrong_property_type_is_answered_200_quarantined_and_listed_with_its_reason()
    {
        var response = await host.PostAsync("/v1/track", CheapPen);

        var answer = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((true, 1), (answer["success"]!.GetValue<bool>(), answer["quarantined"]!.GetValue<int>()));
        Assert.Equal("`cheap` is not a number", answer["errors"]!["properties.price"]![0]!.GetValue<string>());
        Assert.Empty(host.Sink.Calls);

        var list = await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine");
        var item = Assert.Single(list!["items"]!.AsArray())!;
        Assert.Equal(("shop", "segment", "track", "added to cart", "cheap-1"), (Text(item, "source"), Text(item, "format"), Text(item, "call"), Text(item, "event"), Text(item, "messageId")));
        Assert.Equal("properties.price", item["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(host.Time.GetUtcNow(), item["receivedAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains(item["id"]!.GetValue<string>(), answer["items"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, list["size"]!["items"]!.GetValue<int>());
        Assert.Equal(CheapPen.Length, list["size"]!["bytes"]!.GetValue<int>());
    }

    [Fact]
    public async Task One_item_is_fetched_with_its_posted_json_and_an_unknown_id_is_404()
    {
        await host.PostAsync("/v1/track", CheapPen);
        var id = await SingleIdAsync();

        var item = await host.Admin.GetFromJsonAsync<JsonObject>($"/api/ingestion/quarantine/{id}");
        var missing = await host.Admin.GetAsync("/api/ingestion/quarantine/0123456789abcdef0123456789abcdef");
        var overlong = await host.Admin.GetAsync("/api/ingestion/quarantine/" + new string('a', 5000));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(CheapPen), item!["item"]));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("No such quarantined item", (await Json(missing))["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, overlong.StatusCode);
    }

    [Fact]
    public async Task The_download_is_one_posted_item_per_line_even_when_it_was_posted_over_many_lines()
    {
        var indented = JsonNode.Parse(CheapPen)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var track = indented.Replace("\"userId\"", "\"type\":\"track\",\"userId\"", StringComparison.Ordinal);
        await host.PostAsync("/v1/batch", "{\"batch\":[" + track + ",{\"type\":\"identify\",\"userId\":\"u2\",\"traits\":{\"age\":\"old\"}}]}");

        var response = await host.Admin.GetAsync("/api/ingestion/quarantine/download");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, lines.Length);
        Assert.Equal("cheap-1", JsonNode.Parse(lines[0])!["messageId"]!.GetValue<string>());
        Assert.Equal("u2", JsonNode.Parse(lines[1])!["userId"]!.GetValue<string>());
        var filtered = await host.Admin.GetStringAsync("/api/ingestion/quarantine/download?reason=traits.age");
        Assert.Equal("u2", JsonNode.Parse(filtered.Trim())!["userId"]!.GetValue<string>());
    }

    [Fact]
    public async Task After_the_catalog_is_fixed_a_replay_ingests_the_item_as_posted_and_empties_the_quarantine()
    {
        await host.PostAsync("/v1/track", CheapPen);
        var receivedAt = host.Time.GetUtcNow();
        host.Time.Advance(TimeSpan.FromHours(3));
        rules.Catalog = rules.With("added to cart", "price", PropertyType.String);

        var replay = await host.Admin.PostAsync("/api/ingestion/quarantine/replay", null);

        var report = await Json(replay);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal((1, 1, 0), (report["replayed"]!.GetValue<int>(), report["accepted"]!.GetValue<int>(), report["stillUnusable"]!.GetValue<int>()));
        var (customer, input) = Assert.Single(host.Sink.Applied);
        Assert.Equal(("u1", CustomerInputKind.Event, "added to cart", "cheap-1"), (customer, input.Kind, input.Name, input.MessageId));
        Assert.Equal("cheap", input.Event!.Properties["price"]);
        Assert.Equal(NodaTime.Instant.FromDateTimeOffset(receivedAt), input.Event.ArrivalTime);
        Assert.Empty((await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task When_customers_cannot_be_reached_a_replay_is_503_and_the_item_stays()
    {
        await host.PostAsync("/v1/track", CheapPen);
        rules.Catalog = rules.With("added to cart", "price", PropertyType.String);
        host.Sink.Failing = true;

        var failed = await host.Admin.PostAsync("/api/ingestion/quarantine/replay", null);
        host.Sink.Failing = false;
        var retried = await Json(await host.Admin.PostAsync("/api/ingestion/quarantine/replay", null));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(1, retried["accepted"]!.GetValue<int>());
        Assert.Single(host.Sink.Applied);
    }

    [Fact]
    public async Task A_replay_before_the_fix_keeps_the_item_and_says_why_it_is_still_unusable()
    {
        await host.PostAsync("/v1/track", CheapPen);
        var id = await SingleIdAsync();

        var report = await Json(await host.Admin.PostAsJsonAsync("/api/ingestion/quarantine/replay", new { ids = new[] { id, "0123456789abcdef0123456789abcdef" } }));

        Assert.Equal((0, 1, 1), (report["replayed"]!.GetValue<int>(), report["stillUnusable"]!.GetValue<int>(), report["missing"]!.GetValue<int>()));
        var unusable = Assert.Single(report["unusable"]!.AsArray())!;
        Assert.Equal((id, "properties.price", "`cheap` is not a number"), (Text(unusable, "id"), unusable["errors"]![0]!["field"]!.GetValue<string>(), unusable["errors"]![0]!["message"]!.GetValue<string>()));
        Assert.Equal(id, await SingleIdAsync());
        Assert.Empty(host.Sink.Calls);
    }

    [Fact]
    public async Task A_replay_by_filter_replays_only_the_matching_items()
    {
        await host.PostAsync("/v1/batch", """
            {"batch":[
              {"type":"track","userId":"u1","event":"added to cart","messageId":"a","properties":{"price":"cheap"}},
              {"type":"track","userId":"u2","event":"Item Purchased","messageId":"b","properties":{"revenue":"lots"}}
            ]}
            """);
        rules.Catalog = rules.With("added to cart", "price", PropertyType.String);
        rules.Catalog = rules.With("Item Purchased", "revenue", PropertyType.String);

        var report = await Json(await host.Admin.PostAsJsonAsync("/api/ingestion/quarantine/replay", new { @event = "item purchased" }));

        Assert.Equal((1, 0), (report["replayed"]!.GetValue<int>(), report["stillUnusable"]!.GetValue<int>()));
        Assert.Equal(["b"], host.Sink.Applied.Select(a => a.Input.MessageId));
        Assert.Equal("a", Text((await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine"))!["items"]![0]!, "messageId"));
    }

    [Fact]
    public async Task A_cloud_event_in_binary_mode_is_kept_in_its_structured_form_and_replays()
    {
        var request = IngestionHost.Request("/api/events", """{"appinfoA":"abc","appinfoB":"many"}""");
        foreach (var (name, value) in (ReadOnlySpan<(string, string)>)[("ce-specversion", "1.0"), ("ce-type", "com.example.someevent"), ("ce-source", "/app"), ("ce-id", "e-1"), ("ce-subject", "cust-9")])
        {
            request.Headers.Add(name, value);
        }

        Assert.Equal("quarantined", (await Json(await host.SendAsync(request)))["items"]![0]!["status"]!.GetValue<string>());
        var item = await host.Admin.GetFromJsonAsync<JsonObject>($"/api/ingestion/quarantine/{await SingleIdAsync()}");
        Assert.Equal(("cloudevents", "com.example.someevent", "cust-9"), (Text(item!, "format"), Text(item!, "event"), item!["item"]!["subject"]!.GetValue<string>()));

        rules.Catalog = rules.With("com.example.someevent", "appinfoB", PropertyType.String);
        var report = await Json(await host.Admin.PostAsync("/api/ingestion/quarantine/replay", null));

        Assert.Equal(1, report["accepted"]!.GetValue<int>());
        Assert.Equal(("cust-9", "/app e-1"), (host.Sink.Applied.Single().Customer, host.Sink.Applied.Single().Input.MessageId));
    }

    [Fact]
    public async Task The_same_unusable_item_posted_twice_is_kept_once()
    {
        var first = await Json(await host.PostAsync("/v1/track", CheapPen));
        var retry = await Json(await host.PostAsync("/v1/track", CheapPen));

        Assert.Equal(first["items"]![0]!["reason"]!.GetValue<string>(), retry["items"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal("quarantined", retry["items"]![0]!["status"]!.GetValue<string>());
        Assert.Single((await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task The_list_pages_with_a_cursor_and_filters_by_reason_event_and_source()
    {
        var batch = string.Join(',', Enumerable.Range(0, 5).Select(i => $$$"""{"type":"track","userId":"u{{{i}}}","event":"added to cart","messageId":"m{{{i}}}","properties":{"price":"p{{{i}}}"}}"""));
        await host.PostAsync("/v1/batch", "{\"batch\":[" + batch + ",{\"type\":\"identify\",\"userId\":\"x\",\"messageId\":\"t\",\"traits\":{\"age\":\"old\"}}]}");

        var first = await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine?limit=4");
        var second = await host.Admin.GetFromJsonAsync<JsonObject>($"/api/ingestion/quarantine?limit=4&after={first!["next"]}");
        var byReason = await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine?reason=TRAITS.AGE");
        var byEvent = await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine?event=Added%20To%20Cart");
        var bySource = await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine?source=signed");

        Assert.Equal(["m0", "m1", "m2", "m3"], first["items"]!.AsArray().Select(i => Text(i!, "messageId")));
        Assert.Equal(["m4", "t"], second!["items"]!.AsArray().Select(i => Text(i!, "messageId")));
        Assert.Null(second["next"]);
        Assert.Equal(["t"], byReason!["items"]!.AsArray().Select(i => Text(i!, "messageId")));
        Assert.Equal(5, byEvent!["items"]!.AsArray().Count);
        Assert.Empty(bySource!["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Admin.GetAsync("/api/ingestion/quarantine?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Admin.GetAsync("/api/ingestion/quarantine?limit=1001")).StatusCode);
    }

    [Fact]
    public async Task Items_are_discarded_by_id_or_all_at_once_and_never_by_accident()
    {
        await host.PostAsync("/v1/batch", """{"batch":[{"type":"track","userId":"u1","event":"added to cart","properties":{"price":"one"}},{"type":"track","userId":"u1","event":"added to cart","properties":{"price":"two"}},{"type":"track","userId":"u1","event":"added to cart","properties":{"price":"three"}}]}""");
        var ids = (await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine"))!["items"]!.AsArray().Select(i => Text(i!, "id")).ToArray();

        Assert.Equal(HttpStatusCode.NoContent, (await host.Admin.DeleteAsync($"/api/ingestion/quarantine/{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Admin.DeleteAsync($"/api/ingestion/quarantine/{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Admin.DeleteAsync("/api/ingestion/quarantine")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Admin.DeleteAsync($"/api/ingestion/quarantine?all=true&id={ids[1]}")).StatusCode);
        Assert.Equal(1, (await Json(await host.Admin.DeleteAsync($"/api/ingestion/quarantine?id={ids[1]}&id={ids[0]}")))["removed"]!.GetValue<int>());
        Assert.Equal(1, (await Json(await host.Admin.DeleteAsync("/api/ingestion/quarantine?all=true")))["removed"]!.GetValue<int>());
        Assert.Equal(0, (await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine"))!["size"]!["items"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("GET", "/api/ingestion/quarantine")]
    [InlineData("GET", "/api/ingestion/quarantine/download")]
    [InlineData("GET", "/api/ingestion/quarantine/0123456789abcdef0123456789abcdef")]
    [InlineData("POST", "/api/ingestion/quarantine/replay")]
    [InlineData("DELETE", "/api/ingestion/quarantine?all=true")]
    [InlineData("DELETE", "/api/ingestion/quarantine/0123456789abcdef0123456789abcdef")]
    [InlineData("GET", "/api/ingestion/stats")]
    public async Task Every_operations_endpoint_is_401_without_the_admin_key_and_with_a_write_key(string method, string path)
    {
        await host.PostAsync("/v1/track", CheapPen);
        using var withWriteKey = new HttpRequestMessage(new HttpMethod(method), path);
        withWriteKey.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", IngestionHost.ShopKey);

        var anonymous = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var writeKey = await host.Client.SendAsync(withWriteKey);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (anonymous.StatusCode, writeKey.StatusCode));
        Assert.Equal(1, (await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine"))!["size"]!["items"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_replay_body_that_is_not_json_or_names_too_many_ids_is_400()
    {
        var notJson = await host.Admin.PostAsync("/api/ingestion/quarantine/replay", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        var tooMany = await host.Admin.PostAsJsonAsync("/api/ingestion/quarantine/replay", new { ids = Enumerable.Range(0, 10_001).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
        var hugeId = await host.Admin.PostAsJsonAsync("/api/ingestion/quarantine/replay", new { ids = new[] { new string('x', 100_000) } });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (notJson.StatusCode, tooMany.StatusCode, hugeId.StatusCode));
    }

    [Fact]
    public async Task A_body_that_is_not_json_or_not_a_segment_shape_stays_400_and_nothing_is_quarantined()
    {
        var notJson = await host.PostAsync("/v1/batch", "{\"batch\":[");
        var notSegment = await host.PostAsync("/v1/batch", """{"items":[{"type":"track"}]}""");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (notJson.StatusCode, notSegment.StatusCode));
        Assert.Empty((await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine"))!["items"]!.AsArray());
    }

    private async Task<string> SingleIdAsync() =>
        Assert.Single((await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine"))!["items"]!.AsArray())!["id"]!.GetValue<string>();

    private static string? Text(JsonNode node, string name) => node[name]?.GetValue<string>();
}
