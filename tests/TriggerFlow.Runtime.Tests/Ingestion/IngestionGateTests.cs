using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using TriggerFlow.Runtime.Ingestion.Sources;
using static TriggerFlow.Runtime.Tests.Ingestion.SegmentApiTests;

namespace TriggerFlow.Runtime.Tests.Ingestion;

/// <summary>What every ingestion request passes: write keys, signatures, size, content type, rate limit, hostile bodies.</summary>
public sealed class IngestionGateTests : IAsyncLifetime
{
    private const string Track = """{"userId":"u1","event":"added to cart","messageId":"gate-1"}""";
    private IngestionHost host = null!;

    public async Task InitializeAsync() => host = await IngestionHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task A_missing_or_unknown_write_key_is_401_and_nothing_is_applied(string? key)
    {
        var response = await host.SendAsync(IngestionHost.Request("/v1/track", Track, key: key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("urn:triggerflow:problem:unauthorized", (await Json(response))["type"]!.GetValue<string>());
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Empty(host.Sink.Calls);
    }

    [Fact]
    public async Task A_correctly_signed_body_is_accepted()
    {
        var response = await host.SendAsync(Signed(Track, host.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_signature_over_another_body_is_401()
    {
        var request = Signed(Track, host.Time.GetUtcNow());
        request.Content = JsonContent(Track.Replace("gate-1", "gate-2", StringComparison.Ordinal));

        var response = await host.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("X-TriggerFlow-Signature does not match the body", (await Json(response))["detail"]!.GetValue<string>());
        Assert.Empty(host.Sink.Calls);
    }

    [Fact]
    public async Task An_unsigned_request_from_a_signing_source_is_401()
    {
        var response = await host.SendAsync(IngestionHost.Request("/v1/track", Track, key: IngestionHost.SignedKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_stale_timestamp_is_401_even_with_a_valid_signature()
    {
        var response = await host.SendAsync(Signed(Track, host.Time.GetUtcNow().AddSeconds(-301)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("X-TriggerFlow-Timestamp is more than 300 s from the server's clock; sign each request when sending it", (await Json(response))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_replay_inside_the_tolerance_changes_nothing_and_one_after_it_is_refused()
    {
        var signedAt = host.Time.GetUtcNow();
        var first = await host.SendAsync(Signed(Track, signedAt));
        var replay = await host.SendAsync(Signed(Track, signedAt));
        host.Time.Advance(TimeSpan.FromMinutes(10));
        var late = await host.SendAsync(Signed(Track, signedAt));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("duplicate", (await Json(replay))["items"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
        Assert.Single(host.Sink.Applied);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_whether_its_length_is_declared_or_not()
    {
        var huge = new string('x', 2 * IngestionHost.MaxRequestBytes);
        var declared = await host.PostAsync("/v1/track", huge);
        var chunked = IngestionHost.Request("/v1/batch", "", key: IngestionHost.ShopKey);
        chunked.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;

        var streamed = await host.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal("urn:triggerflow:problem:too-large", (await Json(streamed))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_content_type_is_415()
    {
        var response = await host.PostAsync("/v1/track", Track, "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("content type `text/plain` is not accepted here; send application/json", (await Json(response))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_source_over_its_rate_limit_gets_429_with_retry_after()
    {
        // The slow source allows one request a second by the real clock its token bucket reads. The test
        // sends until one is refused, bounded by a count rather than timed: a busy machine may spend a
        // second on a few requests, not on each of a hundred in a row.
        var first = await host.PostAsync("/v1/track", Track, key: IngestionHost.SlowKey);
        HttpResponseMessage? limited = null;
        for (var sent = 1; sent < 100 && limited is null; sent++)
        {
            var response = await host.PostAsync("/v1/track", Track, key: IngestionHost.SlowKey);
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(limited);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.Equal("urn:triggerflow:problem:rate-limited", (await Json(limited))["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"userId\":")]
    [InlineData("")]
    public async Task Malformed_json_is_400_malformed_json(string body)
    {
        var response = await host.PostAsync("/v1/track", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:triggerflow:problem:malformed-json", (await Json(response))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deep_nesting_is_refused_before_it_is_walked()
    {
        var deep = """{"userId":"u1","event":"added to cart","properties":""" + new string('[', 5000) + new string(']', 5000) + "}";

        var response = await host.PostAsync("/v1/track", deep);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("maximum configured depth of 32", (await Json(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_is_400()
    {
        var request = IngestionHost.Request("/v1/track", "");
        request.Content = new ByteArrayContent([.. "{\"userId\":\""u8, 0xC3, 0x28, .. "\",\"event\":\"added to cart\"}"u8]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await host.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("the body is not valid UTF-8", (await Json(response))["detail"]!.GetValue<string>());
        Assert.Empty(host.Sink.Calls);
    }

    [Fact]
    public async Task A_batch_over_the_item_limit_is_refused_whole()
    {
        var batch = "{\"batch\":[" + string.Join(',', Enumerable.Repeat("{}", 10_000)) + "]}";

        var response = await host.PostAsync("/v1/batch", batch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("the batch has 10,000 items; at most 1,000 are accepted per request", (await Json(response))["detail"]!.GetValue<string>());
        Assert.Empty(host.Sink.Calls);
    }

    [Fact]
    public async Task A_huge_id_is_reported_on_its_field_and_huge_property_values_pass_through()
    {
        var hugeId = await host.PostAsync("/v1/track", $$"""{"userId":"{{new string('u', 100_000)}}","event":"added to cart"}""");
        var hugeValue = await host.PostAsync("/v1/track", "{\"userId\":\"u1\",\"event\":\"added to cart\",\"properties\":{\"note\":\"" + new string('n', 100_000) + "\"}}");

        Assert.Equal("is 100,000 characters long; at most 256 are allowed", (await Json(hugeId))["errors"]!["userId"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, hugeValue.StatusCode);
    }

    [Fact]
    public async Task When_a_customer_cannot_be_reached_the_request_is_503_with_retry_after()
    {
        host.Sink.Failing = true;

        var response = await host.PostAsync("/v1/track", Track);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task The_benchmark_noop_answers_202_without_work()
    {
        var response = await host.PostAsync("/v1/noop", Track);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(host.Sink.Calls);
    }

    [Fact]
    public async Task The_openapi_document_and_the_reference_page_describe_the_api()
    {
        var document = await host.Client.GetStringAsync("/openapi/v1.json");
        var reference = await host.Client.GetAsync("/scalar/v1");

        foreach (var expected in (string[])["/v1/track", "/v1/identify", "/v1/page", "/v1/batch", "/api/events", "quarantined", "/api/ingestion/quarantine/replay", "/api/ingestion/stats", "aeg-sas-key", "application/cloudevents-batch+json"])
        {
            Assert.Contains(expected, document, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    private static HttpRequestMessage Signed(string body, DateTimeOffset signedAt)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(IngestionHost.SigningSecret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
        var request = IngestionHost.Request("/v1/track", body, key: IngestionHost.SignedKey);
        request.Headers.Add(BodySignature.TimestampHeader, timestamp);
        request.Headers.Add(BodySignature.SignatureHeader, "v1=" + signature);
        return request;
    }

    private static StringContent JsonContent(string body) => new(body, Encoding.UTF8, "application/json");
}
