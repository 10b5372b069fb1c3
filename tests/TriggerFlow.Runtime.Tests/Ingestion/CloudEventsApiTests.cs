using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using TriggerFlow.Runtime.Orchestration;
using static TriggerFlow.Runtime.Tests.Ingestion.SegmentApiTests;

namespace TriggerFlow.Runtime.Tests.Ingestion;

/// <summary>
/// <c>POST /api/events</c> with the CloudEvents spec's examples (cloudevents/spec, Apache-2.0). The
/// examples name no customer, so the cases that must be accepted add a <c>subject</c>.
/// </summary>
public sealed class CloudEventsApiTests : IAsyncLifetime
{
    private const string Structured = "application/cloudevents+json";
    private const string Batched = "application/cloudevents-batch+json";
    private IngestionHost host = null!;

    public async Task InitializeAsync() => host = await IngestionHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Structured_json_object_example_with_a_subject_is_the_event_of_its_type()
    {
        var body = Vectors.With(Vectors.CloudEvent("C_structured_data_json_object.json"), ("subject", "cust-1"));

        var response = await host.PostAsync("/api/events", body, Structured);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (customer, input) = Assert.Single(host.Sink.Applied);
        Assert.Equal(("cust-1", "com.example.someevent", "/mycontext C234-1234-1234"), (customer, input.Name, input.MessageId));
        Assert.Equal(NodaTime.Instant.FromUtc(2018, 4, 5, 17, 31), input.Event!.EventTime);
        Assert.Equal(Properties("""{"appinfoA":"abc","appinfoB":123,"appinfoC":true}"""), Properties(input));
    }

    [Fact]
    public async Task Structured_example_without_a_subject_names_the_missing_customer()
    {
        var response = await host.PostAsync("/api/events", Vectors.CloudEvent("C_structured_data_json_object.json"), Structured);

        var errors = (await Json(response))["errors"]!.AsObject();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("`subject` (or the `triggerflowcustomer` extension) is required: it names the customer", errors["subject"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("C2_structured_data_json_number.json", "data", "expected a JSON object of the event's properties, got a JSON number")]
    [InlineData("D_structured_data_string.json", "data", "expected a JSON object of the event's properties, got a JSON string")]
    [InlineData("B_structured_data_xml.json", "datacontenttype", "`application/xml` is not JSON; TriggerFlow reads an event's properties from a JSON object in `data`")]
    [InlineData("A_structured_data_base64_thrift.json", "datacontenttype", "`application/vnd.apache.thrift.binary` is not JSON; TriggerFlow reads an event's properties from a JSON object in `data`")]
    [InlineData("spec_md_example.json", "datacontenttype", "`text/xml` is not JSON; TriggerFlow reads an event's properties from a JSON object in `data`")]
    public async Task Structured_examples_whose_data_is_not_a_json_object_are_quarantined_on_that_field(string vector, string field, string message)
    {
        var body = Vectors.With(Vectors.CloudEvent(vector), ("subject", "cust-1"));

        var response = await host.PostAsync("/api/events", body, Structured);

        var answer = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, answer["errors"]![field]![0]!.GetValue<string>());
        Assert.Equal("quarantined", answer["items"]![0]!["status"]!.GetValue<string>());
        Assert.Empty(host.Sink.Applied);
    }

    [Fact]
    public async Task Base64_json_data_example_is_decoded_into_properties()
    {
        var body = Vectors.With(Vectors.CloudEvent("D2_structured_data_base64_json.json"), ("subject", "cust-2"));

        var response = await host.PostAsync("/api/events", body, Structured);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Properties("""{"xyz":123}"""), Properties(Assert.Single(host.Sink.Applied).Input));
    }

    [Fact]
    public async Task Batch_example_with_subjects_accepts_both_events()
    {
        var body = Vectors.With(Vectors.CloudEvent("batch_two_events.json"), ("subject", "cust-3"), ("datacontenttype", null), ("data_base64", null));

        var response = await host.PostAsync("/api/events", body, Batched);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["com.example.someevent", "com.example.someotherevent"], host.Sink.Applied.Select(a => a.Input.Name));
        Assert.Equal(["/mycontext/4 B234-1234-1234", "/mycontext/9 C234-1234-1234"], host.Sink.Applied.Select(a => a.Input.MessageId));
    }

    [Fact]
    public async Task Batch_example_as_published_names_each_bad_field_with_its_index()
    {
        var response = await host.PostAsync("/api/events", Vectors.CloudEvent("batch_two_events.json"), Batched);

        var body = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["[0].datacontenttype", "[0].subject", "[1].subject"], body["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["quarantined", "quarantined"], body["items"]!.AsArray().Select(i => i!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Empty_batch_example_is_acknowledged_with_no_items()
    {
        var response = await host.PostAsync("/api/events", Vectors.CloudEvent("batch_empty.json"), Batched);

        var body = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(body["items"]!.AsArray());
        Assert.Empty(host.Sink.Calls);
    }

    [Theory]
    [InlineData("C_binary_http.http.txt", """{"appinfoA":"abc","appinfoB":123,"appinfoC":true}""")]
    [InlineData("D2_binary_http.http.txt", """{"xyz":123}""")]
    public async Task Binary_examples_with_json_data_and_a_subject_header_are_accepted(string vector, string properties)
    {
        var response = await host.SendAsync(Binary(vector, ("ce-subject", "cust-4")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (customer, input) = Assert.Single(host.Sink.Applied);
        Assert.Equal(("cust-4", "com.example.someevent"), (customer, input.Name));
        Assert.Equal(Properties(properties), Properties(input));
    }

    [Theory]
    [InlineData("C2_binary_http.http.txt", "expected a JSON object of the event's properties, got a JSON number")]
    [InlineData("D_binary_http.http.txt", "expected a JSON object of the event's properties, got a JSON string")]
    public async Task Binary_examples_with_json_data_that_is_not_an_object_are_quarantined_on_data(string vector, string message)
    {
        var response = await host.SendAsync(Binary(vector, ("ce-subject", "cust-4")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, (await Json(response))["errors"]!["data"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("A_binary_http.http.txt")]
    [InlineData("B_binary_http.http.txt")]
    public async Task Binary_examples_with_non_json_data_are_an_unsupported_media_type(string vector)
    {
        var response = await host.SendAsync(Binary(vector, ("ce-subject", "cust-4")));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("urn:triggerflow:problem:unsupported-media-type", (await Json(response))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Extensions_name_the_catalog_event_and_the_customer_when_type_and_subject_are_the_producers_own()
    {
        var body = """
            {"specversion":"1.0","type":"com.shop.cart.item-added","source":"/shop","id":"e-1","subject":"cart/77",
             "triggerflowevent":"added to cart","triggerflowcustomer":"cust-5","data":{"product":"mug","price":"12.50"}}
            """;

        var response = await host.SendAsync(Authorized("/api/events", body, Structured, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IngestionHost.ShopKey)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (customer, input) = Assert.Single(host.Sink.Applied);
        Assert.Equal(("cust-5", CustomerInputKind.Event, "added to cart"), (customer, input.Kind, input.Name));
    }

    [Fact]
    public async Task Event_grid_key_header_authenticates_and_the_webhook_handshake_is_answered()
    {
        var body = Vectors.With(Vectors.CloudEvent("C_structured_data_json_object.json"), ("subject", "cust-6"));
        var post = await host.SendAsync(Authorized("/api/events", body, Structured, r => r.Headers.Add("aeg-sas-key", IngestionHost.ShopKey)));
        var handshake = new HttpRequestMessage(HttpMethod.Options, "/api/events");
        handshake.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        var answer = await host.SendAsync(handshake);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("eventgrid.azure.net", answer.Headers.GetValues("WebHook-Allowed-Origin").Single());
    }

    [Fact]
    public async Task Plain_json_without_ce_headers_is_an_unsupported_media_type()
    {
        var response = await host.PostAsync("/api/events", Vectors.CloudEvent("spec_md_example.json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private static HttpRequestMessage Binary(string vector, params (string Name, string Value)[] extra)
    {
        var (headers, body) = Vectors.BinaryHttp(vector);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Headers.Authorization = IngestionHost.Basic(IngestionHost.ShopKey);
        foreach (var (name, value) in headers.Concat(extra))
        {
            if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.Add(name, value);
            }
        }

        return request;
    }

    private static HttpRequestMessage Authorized(string path, string body, string contentType, Action<HttpRequestMessage> authorize)
    {
        var request = IngestionHost.Request(path, body, contentType, key: null);
        authorize(request);
        return request;
    }

    /// <summary>The typed properties as text, in a stable order (name=value), declared ones only: what the engine receives.</summary>
    private static string Properties(CustomerInput input) =>
        string.Join(", ", input.Event!.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)}"));

    /// <summary>The same for posted JSON, with the values as the catalog types them (numbers, booleans as text).</summary>
    private static string Properties(string json) =>
        string.Join(", ", JsonNode.Parse(json)!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Text(p.Value)}"));

    private static string Text(JsonNode? value) => value!.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        System.Text.Json.JsonValueKind.True => "True",
        System.Text.Json.JsonValueKind.False => "False",
        _ => value.ToJsonString(),
    };
}
