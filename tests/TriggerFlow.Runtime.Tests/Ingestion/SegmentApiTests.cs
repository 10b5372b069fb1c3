using System.Net;
using System.Text.Json.Nodes;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Tests.Ingestion;

/// <summary>The Segment Tracking API endpoints, driven with Segment's own examples (segmentio/segment-docs, CC BY 4.0).</summary>
public sealed class SegmentApiTests : IAsyncLifetime
{
    private IngestionHost host = null!;

    public async Task InitializeAsync() => host = await IngestionHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Identify_vector_becomes_an_identify_input_for_the_user_with_its_traits_and_time()
    {
        var response = await host.PostAsync("/v1/identify", Vectors.Segment("http_01_Identify.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (customer, input) = Assert.Single(host.Sink.Applied);
        Assert.Equal("019mr8mf4r", customer);
        Assert.Equal(CustomerInputKind.Identify, input.Kind);
        Assert.Equal("pgibbons@example.com", input.Profile!.Traits["email"]);
        Assert.Equal(NodaTime.Instant.FromDateTimeOffset(host.Time.GetUtcNow()), input.Profile.ArrivalTime);
        Assert.StartsWith("sha256:", input.MessageId, StringComparison.Ordinal);
        Assert.Null(input.PreviousId);
    }

    [Fact]
    public async Task Track_vector_becomes_the_catalog_event_with_the_posted_properties()
    {
        var response = await host.PostAsync("/v1/track", Vectors.Segment("http_02_Track.json"));

        var body = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body["success"]!.GetValue<bool>());
        Assert.Equal(1, body["accepted"]!.GetValue<int>());
        var (customer, input) = Assert.Single(host.Sink.Applied);
        Assert.Equal(("019mr8mf4r", CustomerInputKind.Event, "Item Purchased"), (customer, input.Kind, input.Name));
        Assert.Equal(14.99m, input.Event!.Properties["revenue"]);
    }

    [Fact]
    public async Task Page_vector_becomes_the_page_event_with_its_name_as_a_declared_property()
    {
        var response = await host.PostAsync("/v1/page", Vectors.Segment("http_03_Page.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, input) = Assert.Single(host.Sink.Applied);
        Assert.Equal("browsed category", input.Name);
        Assert.Equal([KeyValuePair.Create("name", (object?)"Tracking HTTP API")], input.Event!.Properties);
    }

    [Fact]
    public async Task Screen_and_group_vectors_are_acknowledged_and_ignored()
    {
        var batch = new JsonObject
        {
            ["batch"] = new JsonArray(
                JsonNode.Parse(Vectors.With(Vectors.Segment("http_04_Screen.json"), ("type", "screen"))),
                JsonNode.Parse(Vectors.With(Vectors.Segment("http_05_Group.json"), ("type", "group")))),
        };

        var response = await host.PostAsync("/v1/batch", batch.ToJsonString());

        var body = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body["ignored"]!.GetValue<int>());
        Assert.Equal("`screen` calls are not used by TriggerFlow", body["items"]![0]!["reason"]!.GetValue<string>());
        Assert.Empty(host.Sink.Applied);
    }

    [Fact]
    public async Task Alias_vector_merges_the_previous_id_into_the_user()
    {
        var response = await host.PostAsync("/v1/alias", Vectors.Segment("http_06_Alias.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (customer, input) = Assert.Single(host.Sink.Applied);
        Assert.Equal(("019mr8mf4r", CustomerInputKind.Identify, "39239-239239-239239-23923"), (customer, input.Kind, input.PreviousId));
    }

    [Fact]
    public async Task Selecting_destinations_vector_is_an_identify_whose_integrations_are_ignored()
    {
        var response = await host.PostAsync("/v1/identify", Vectors.Segment("http_08_Selecting_Destinations.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CustomerInputKind.Identify, Assert.Single(host.Sink.Applied).Input.Kind);
    }

    [Fact]
    public async Task Batch_vector_accepts_the_good_calls_and_names_each_malformed_timestamp_with_its_index()
    {
        var response = await host.PostAsync("/v1/batch", Vectors.Segment("http_07_Batch.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        var expectedError = $"`2015-2-02T00:30:08.276Z` is not {TriggerFlow.Input.Time.Timestamps.Expectation}";
        Assert.Equal(expectedError, body["errors"]!["batch[2].timestamp"]![0]!.GetValue<string>());
        Assert.Equal(["batch[2].timestamp", "batch[3].timestamp"], body["errors"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["accepted", "accepted", "quarantined", "quarantined"], body["items"]!.AsArray().Select(i => i!["status"]!.GetValue<string>()));
        var call = Assert.Single(host.Sink.Calls);
        Assert.Equal("019mr8mf4r", call.Customer);
        Assert.Equal([CustomerInputKind.Identify, CustomerInputKind.Event], call.Inputs.Select(i => i.Kind));
    }

    [Fact]
    public async Task Batch_mixing_good_and_bad_events_answers_exactly_which_were_accepted()
    {
        var batch = """
            {"batch":[
              {"type":"track","userId":"u1","event":"added to cart","messageId":"m1","properties":{"product":"pen","price":2.5}},
              {"type":"track","userId":"u1","event":"added to kart","messageId":"m2"},
              {"type":"track","userId":"u2","event":"Product Added","messageId":"m3","properties":{"price":"cheap"}},
              {"type":"identify","userId":"u2","messageId":"m4","traits":{"age":41}},
              {"type":"screen","userId":"u2","messageId":"m5"}
            ]}
            """;

        var response = await host.PostAsync("/v1/batch", batch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        var quarantineIds = body["items"]!.AsArray().Where(i => i!["status"]!.GetValue<string>() == "quarantined").Select(i => i!["reason"]!.GetValue<string>()).ToArray();
        Assert.All(quarantineIds, r => Assert.Matches("^kept in the quarantine as `[0-9a-f]{32}`; `errors` says why$", r));
        var expected = JsonNode.Parse($$"""
            {
              "success": true,
              "accepted": 2,
              "duplicates": 0,
              "late": 0,
              "ignored": 2,
              "quarantined": 1,
              "rejected": 0,
              "errors": {
                "batch[2].properties.price": ["`cheap` is not a number"]
              },
              "items": [
                {"index": 0, "messageId": "m1", "status": "accepted", "reason": null},
                {"index": 1, "messageId": "m2", "status": "ignored", "reason": "`added to kart` is not an event in the active catalog"},
                {"index": 2, "messageId": "m3", "status": "quarantined", "reason": "{{quarantineIds[0]}}"},
                {"index": 3, "messageId": "m4", "status": "accepted", "reason": null},
                {"index": 4, "messageId": "m5", "status": "ignored", "reason": "`screen` calls are not used by TriggerFlow"}
              ]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        Assert.Equal(["m1", "m4"], host.Sink.Applied.Select(a => a.Input.MessageId).Order());
    }

    [Fact]
    public async Task A_retried_message_id_is_acknowledged_as_a_duplicate_without_a_second_effect()
    {
        var track = """{"userId":"u1","event":"added to cart","messageId":"retry-1","properties":{"price":3}}""";

        var first = await Json(await host.PostAsync("/v1/track", track));
        var second = await Json(await host.PostAsync("/v1/track", track));

        Assert.Equal("accepted", first["items"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("duplicate", second["items"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(1, second["duplicates"]!.GetValue<int>());
        Assert.Single(host.Sink.Applied);
    }

    [Fact]
    public async Task Without_a_message_id_a_resent_body_derives_the_same_id_and_is_a_duplicate()
    {
        var track = """{"userId":"u1","event":"added to cart"}""";

        var first = await Json(await host.PostAsync("/v1/track", track));
        var second = await Json(await host.PostAsync("/v1/track", track));

        Assert.Equal(first["items"]![0]!["messageId"]!.GetValue<string>(), second["items"]![0]!["messageId"]!.GetValue<string>());
        Assert.Equal("duplicate", second["items"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Identify_with_both_ids_merges_the_anonymous_id_into_the_user()
    {
        await host.PostAsync("/v1/identify", """{"userId":"u9","anonymousId":"anon-9","traits":{"age":30}}""");

        var (customer, input) = Assert.Single(host.Sink.Applied);
        Assert.Equal(("u9", "anon-9"), (customer, input.PreviousId));
    }

    [Fact]
    public async Task A_call_without_user_or_anonymous_id_names_the_missing_customer()
    {
        var body = await Json(await host.PostAsync("/v1/track", """{"event":"added to cart"}"""));

        Assert.Equal("userId or anonymousId is required: it names the customer", body["errors"]!["userId"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrongly_typed_traits_and_fields_are_reported_per_field()
    {
        var response = await host.PostAsync("/v1/identify", """{"userId":["u"],"traits":{"age":"old"},"timestamp":true}""");

        var errors = (await Json(response))["errors"]!.AsObject();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["timestamp", "traits.age", "userId"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Empty(host.Sink.Applied);
    }

    [Theory]
    [InlineData("""{"consent":"yes"}""", "traits.consent", "expected an object of channel to true or false, such as {\"sms\": false}; got a string")]
    [InlineData("""{"consent":{"fax":true}}""", "traits.consent.fax", "`fax` is not a channel; the catalog's channels are `email`, `sms`, `push`")]
    [InlineData("""{"consent":{"sms":"no"}}""", "traits.consent.sms", "expected true (consents) or false (refuses); got a string")]
    public async Task Malformed_consent_is_quarantined_naming_the_member(string traits, string field, string message)
    {
        var response = await host.PostAsync("/v1/identify", $$"""{"userId":"u1","traits":{{traits}}}""");

        var errors = (await Json(response))["errors"]!.AsObject();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, Assert.Single(errors, e => e.Key == field).Value![0]!.GetValue<string>());
        Assert.Empty(host.Sink.Applied);
    }

    [Fact]
    public async Task Segments_consent_object_is_folded_into_the_traits_consent_a_refusal_winning()
    {
        await host.PostAsync("/v1/identify", """{"userId":"u1","traits":{"consent":{"email":true}},"context":{"consent":{"categoryPreferences":{"Email":false,"SMS":true,"Advertising":false}}}}""");

        var (_, input) = Assert.Single(host.Sink.Applied);
        Assert.Equal(new Dictionary<string, bool> { ["email"] = false, ["sms"] = true }, input.Profile!.Consent);
    }

    [Fact]
    public async Task A_batch_groups_each_customers_events_into_one_call_in_posted_order()
    {
        var batch = """
            {"batch":[
              {"type":"track","userId":"a","event":"added to cart","messageId":"1"},
              {"type":"track","userId":"b","event":"added to cart","messageId":"2"},
              {"type":"track","userId":"a","event":"Song Played","messageId":"3"},
              {"type":"page","anonymousId":"b","category":"shoes","messageId":"4"}
            ]}
            """;

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync("/v1/batch", batch)).StatusCode);

        var calls = host.Sink.Calls.ToDictionary(c => c.Customer, c => c.Inputs.Select(i => i.MessageId).ToArray());
        Assert.Equal(["1", "3"], calls["a"]);
        Assert.Equal(["2", "4"], calls["b"]);
        Assert.Equal([KeyValuePair.Create("category", (object?)"shoes")], host.Sink.Applied.Single(a => a.Input.MessageId == "4").Input.Event!.Properties);
    }

    internal static async Task<JsonObject> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
