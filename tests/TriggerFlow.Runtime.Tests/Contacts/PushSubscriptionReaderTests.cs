using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TriggerFlow.Runtime.Contacts;

namespace TriggerFlow.Runtime.Tests.Contacts;

public sealed class PushSubscriptionReaderTests
{
    private const string Endpoint = "https://fcm.googleapis.com/fcm/send/dpH5lCsTSSM:APA91bHqjZxM0VImWWqDRN7U0a3AycjUf4O-byuxb";
    private const string FcmToken = "dpH5lCsTSSM:APA91bHqjZxM0VImWWqDRN7U0a3AycjUf4O-byuxb_ojZ8uyv6q0B8Jq1tZ9HdD7";
    private static readonly string ApnsToken = new string('A', 32) + new string('f', 32);

    private readonly PushSubscriptionReader _reader = new(allowLoopbackHttp: false);

    [Fact]
    public void A_browser_subscription_is_read_with_its_keys()
    {
        var p256dh = PushKeys.NewP256dh();
        var auth = PushKeys.NewAuth();

        var (subscription, errors) = Read(_reader, PushKeys.WebSubscription(Endpoint, p256dh, auth));

        Assert.Empty(errors);
        Assert.Equal(new PushSubscription(PushPlatform.Web, Endpoint, p256dh, auth, null, default), subscription);
    }

    [Fact]
    public void Padded_keys_are_stored_unpadded()
    {
        var p256dh = PushKeys.NewP256dh();
        var auth = PushKeys.NewAuth();

        var (subscription, errors) = Read(_reader, PushKeys.WebSubscription(Endpoint, p256dh + "=", auth + "=="));

        Assert.Empty(errors);
        Assert.Equal(p256dh, subscription!.P256dh);
        Assert.Equal(auth, subscription.Auth);
    }

    [Fact]
    public void The_expiration_time_is_kept()
    {
        var body = PushKeys.WebSubscription(Endpoint);
        body["expirationTime"] = 1_767_225_600_000;

        var (subscription, _) = Read(_reader, body);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000), subscription!.ExpiresAt);
    }

    [Fact]
    public void Mobile_tokens_are_read_and_an_apns_token_is_stored_in_lower_case()
    {
        var (fcm, fcmErrors) = Read(_reader, new JsonObject { ["platform"] = "fcm", ["token"] = FcmToken });
        var (apns, apnsErrors) = Read(_reader, new JsonObject { ["platform"] = "APNS", ["token"] = ApnsToken });

        Assert.Empty(fcmErrors);
        Assert.Empty(apnsErrors);
        Assert.Equal(new PushSubscription(PushPlatform.Fcm, FcmToken, null, null, null, default), fcm);
        Assert.Equal(new PushSubscription(PushPlatform.Apns, ApnsToken.ToLowerInvariant(), null, null, null, default), apns);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9012/push/1")]
    [InlineData("http://localhost:9012/push/1")]
    [InlineData("http://[::1]:9012/push/1")]
    public void Http_on_loopback_is_accepted_only_in_development(string endpoint)
    {
        var development = new PushSubscriptionReader(allowLoopbackHttp: true);

        Assert.Empty(Read(development, PushKeys.WebSubscription(endpoint)).Errors);
        Assert.Equal(
            ["must use https; http is accepted only on a loopback address in the Development environment"],
            Read(_reader, PushKeys.WebSubscription(endpoint)).Errors["endpoint"]);
    }

    [Fact]
    public void Http_off_loopback_is_refused_even_in_development()
    {
        var development = new PushSubscriptionReader(allowLoopbackHttp: true);

        Assert.Equal(["must be an https URL"], Read(development, PushKeys.WebSubscription("http://push.example.com/1")).Errors["endpoint"]);
    }

    [Theory]
    [InlineData("", "give the push service's URL, at most 2,048 characters")]
    [InlineData("/relative/path", "must be an absolute https URL (the `endpoint` of the browser's PushSubscription)")]
    [InlineData("ftp://push.example.com/1", "must be an https URL")]
    [InlineData("javascript:alert(1)", "must be an absolute https URL (the `endpoint` of the browser's PushSubscription)")]
    [InlineData("wss://push.example.com/1", "must be an https URL")]
    [InlineData("https://user:pw@push.example.com/1", "must be an absolute https URL (the `endpoint` of the browser's PushSubscription)")]
    [InlineData("https://push.example.com/1#x", "must be an absolute https URL (the `endpoint` of the browser's PushSubscription)")]
    [InlineData("https://push.example.com/a b", "must be a URL of printable ASCII characters without spaces, as push services give them")]
    [InlineData("https://push.exämple.com/1", "must be a URL of printable ASCII characters without spaces, as push services give them")]
    [InlineData("https://push.example.com/\n1", "must be a URL of printable ASCII characters without spaces, as push services give them")]
    public void Bad_endpoints_are_refused(string endpoint, string problem)
    {
        Assert.Equal([problem], Read(_reader, PushKeys.WebSubscription(endpoint)).Errors["endpoint"]);
    }

    [Fact]
    public void An_endpoint_past_the_length_limit_is_refused()
    {
        var endpoint = "https://push.example.com/" + new string('a', PushSubscriptionReader.MaxEndpointLength);

        Assert.Equal(["give the push service's URL, at most 2,048 characters"], Read(_reader, PushKeys.WebSubscription(endpoint)).Errors["endpoint"]);
    }

    public static TheoryData<string, string, string> BadKeys()
    {
        var point = PushKeys.NewPublicKey();
        var compressed = (byte[])point.Clone();
        compressed[0] = 0x02;
        var offCurve = (byte[])point.Clone();
        offCurve[64] ^= 0x01;
        var standardBase64 = Convert.ToBase64String(point).Replace('-', '+');
        return new()
        {
            { "keys.p256dh", Base64Url.EncodeToString(compressed), "must be an uncompressed P-256 point (65 bytes starting with 0x04)" },
            { "keys.p256dh", Base64Url.EncodeToString(offCurve), "is not a point on the P-256 curve" },
            { "keys.p256dh", Base64Url.EncodeToString(new byte[65] { 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }), "is not a point on the P-256 curve" },
            { "keys.p256dh", Base64Url.EncodeToString(point[..33]), "must be base64url (A–Z, a–z, 0–9, `-`, `_`) of 65 bytes, that is 87 characters" },
            { "keys.p256dh", standardBase64.Replace('_', '/').TrimEnd('=') + (standardBase64.Contains('+') || standardBase64.Contains('/') ? "" : "+"), "must be base64url (A–Z, a–z, 0–9, `-`, `_`) of 65 bytes, that is 87 characters" },
            { "keys.p256dh", "", "must be base64url (A–Z, a–z, 0–9, `-`, `_`) of 65 bytes, that is 87 characters" },
            { "keys.p256dh", new string('A', 100_000), "must be base64url (A–Z, a–z, 0–9, `-`, `_`) of 65 bytes, that is 87 characters" },
            { "keys.auth", Base64Url.EncodeToString(new byte[15]), "must be base64url (A–Z, a–z, 0–9, `-`, `_`) of 16 bytes, that is 22 characters" },
            { "keys.auth", Base64Url.EncodeToString(new byte[16]) + "===", "must be base64url (A–Z, a–z, 0–9, `-`, `_`) of 16 bytes, that is 22 characters" },
            { "keys.auth", "AAAAAAAAAAAAAAAAAAAA a", "must be base64url (A–Z, a–z, 0–9, `-`, `_`) of 16 bytes, that is 22 characters" },
        };
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Bad_keys_are_refused_naming_the_key(string field, string value, string problem)
    {
        var body = PushKeys.WebSubscription(Endpoint);
        body["keys"]![field["keys.".Length..]] = value;

        var (subscription, errors) = Read(_reader, body);

        Assert.Null(subscription);
        Assert.Equal([problem], errors[field]);
    }

    [Theory]
    [InlineData("""[]""", "$", "the body must be a JSON object;")]
    [InlineData("""null""", "$", "the body must be a JSON object;")]
    [InlineData("""{}""", "$", "send a browser PushSubscription")]
    [InlineData("""{"endpoint": 5, "keys": {}}""", "endpoint", "must be a string")]
    [InlineData("""{"endpoint": "https://push.example.com/1"}""", "keys", "give the subscription's keys")]
    [InlineData("""{"endpoint": "https://push.example.com/1", "keys": "x"}""", "keys", "must be an object")]
    [InlineData("""{"endpoint": "https://push.example.com/1", "keys": {}}""", "keys.p256dh", "give the browser's public key")]
    [InlineData("""{"endpoint": "https://push.example.com/1", "keys": {"p256dh": 1}}""", "keys.p256dh", "must be a string")]
    [InlineData("""{"endpoint": "https://push.example.com/1", "keys": {"auth": null}}""", "keys.auth", "must be a string")]
    [InlineData("""{"endpoint": "https://push.example.com/1", "keys": {"extra": "x"}}""", "keys.extra", "unknown field: the keys are")]
    [InlineData("""{"endpoint": "https://push.example.com/1", "keys": {"auth": "x", "auth": "y"}}""", "keys.auth", "appears more than once")]
    [InlineData("""{"endpoint": "https://a.example/1", "endpoint": "https://b.example/1", "keys": {}}""", "endpoint", "appears more than once")]
    [InlineData("""{"endpoint": "https://push.example.com/1", "keys": {}, "userId": "x"}""", "userId", "unknown field: a browser PushSubscription has")]
    [InlineData("""{"endpoint": "https://push.example.com/1", "keys": {}, "expirationTime": "tomorrow"}""", "expirationTime", "must be null or milliseconds")]
    [InlineData("""{"endpoint": "https://push.example.com/1", "keys": {}, "expirationTime": -1}""", "expirationTime", "must be null or milliseconds")]
    [InlineData("""{"endpoint": "https://push.example.com/1", "keys": {}, "expirationTime": 1e300}""", "expirationTime", "must be null or milliseconds")]
    [InlineData("""{"endpoint": "https://push.example.com/1", "token": "x"}""", "$", "not both")]
    [InlineData("""{"platform": "fcm"}""", "token", "give the device token")]
    [InlineData("""{"token": "abc"}""", "platform", "give `fcm` or `apns`")]
    [InlineData("""{"platform": "web", "token": "abc"}""", "platform", "must be `fcm` or `apns`")]
    [InlineData("""{"platform": ["fcm"], "token": "abc"}""", "platform", "must be a string")]
    [InlineData("""{"platform": "fcm", "token": 12345}""", "token", "must be a string")]
    [InlineData("""{"platform": "fcm", "token": "short"}""", "token", "an FCM registration token is 32 to 4,096 characters")]
    [InlineData("""{"platform": "fcm", "token": "dpH5lCsTSSM:APA91bHqjZxM0VImWWqDRN7U0a3 <script>"}""", "token", "an FCM registration token is")]
    [InlineData("""{"platform": "apns", "token": "not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-"}""", "token", "an APNs device token is hex, 64 to 200 digits")]
    [InlineData("""{"platform": "apns", "token": "abc"}""", "token", "an APNs device token is hex")]
    [InlineData("""{"platform": "fcm", "token": "dpH5lCsTSSM:APA91bHqjZxM0VImWWqDRN7U0a3Ayc", "extra": 1}""", "extra", "unknown field: a mobile token has")]
    public void Malformed_bodies_are_refused_field_by_field(string json, string field, string problem)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new Dictionary<string, string[]>();

        var subscription = _reader.ReadSubscription(document.RootElement, errors);

        Assert.Null(subscription);
        Assert.Contains(errors[field], p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_of_a_body_is_reported_at_once()
    {
        var body = new JsonObject
        {
            ["endpoint"] = "http://push.example.com/1",
            ["expirationTime"] = "soon",
            ["keys"] = new JsonObject { ["p256dh"] = "x", ["auth"] = "y" },
        };

        var (_, errors) = Read(_reader, body);

        Assert.Equal(["endpoint", "expirationTime", "keys.auth", "keys.p256dh"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_oversized_token_is_refused_without_reading_it_whole()
    {
        var (_, errors) = Read(_reader, new JsonObject { ["platform"] = "fcm", ["token"] = new string('a', 1_000_000) });

        Assert.Contains("an FCM registration token is", errors["token"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_delete_names_a_subscription_by_endpoint_without_its_keys()
    {
        using var document = JsonDocument.Parse($$"""{"endpoint": "{{Endpoint}}"}""");
        var errors = new Dictionary<string, string[]>();

        Assert.Equal((PushPlatform.Web, Endpoint), _reader.ReadIdentity(document.RootElement, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void A_delete_query_names_a_subscription_by_endpoint_or_by_platform_and_token()
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Equal((PushPlatform.Web, Endpoint), _reader.ReadIdentity(Endpoint, null, null, errors));
        Assert.Equal((PushPlatform.Apns, ApnsToken.ToLowerInvariant()), _reader.ReadIdentity(null, "apns", ApnsToken, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(null, null, null, "$")]
    [InlineData("https://a.example/1", "fcm", null, "$")]
    [InlineData(null, "fcm", null, "token")]
    [InlineData(null, null, "abc", "platform")]
    [InlineData(null, "sms", "abc", "platform")]
    [InlineData("", null, null, "endpoint")]
    public void A_delete_query_that_names_nothing_or_two_things_is_refused(string? endpoint, string? platform, string? token, string field)
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(_reader.ReadIdentity(endpoint, platform, token, errors));
        Assert.True(errors.ContainsKey(field), string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
    }

    private static (PushSubscription? Subscription, Dictionary<string, string[]> Errors) Read(PushSubscriptionReader reader, JsonNode body)
    {
        using var document = JsonDocument.Parse(body.ToJsonString());
        var errors = new Dictionary<string, string[]>();
        return (reader.ReadSubscription(document.RootElement, errors), errors);
    }
}
