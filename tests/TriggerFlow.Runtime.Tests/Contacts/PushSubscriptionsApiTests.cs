using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TriggerFlow.Runtime.Tests.Operations;

namespace TriggerFlow.Runtime.Tests.Contacts;

/// <summary><c>/api/customers/{id}/push-subscriptions</c> on the real host, in process on a loopback port.</summary>
/// <remarks>One host for the class; each test uses its own customer.</remarks>
public sealed class PushSubscriptionsApiTests(PushSubscriptionsApiTests.Host fixture) : IClassFixture<PushSubscriptionsApiTests.Host>
{
    private const string Endpoint = "https://push.example.com/wpush/v2/gAAAAABl";
    private readonly RunningHost _host = fixture.Running;
    private readonly HttpClient _source = fixture.Source;

    /// <summary>The host, with at most 3 subscriptions per customer, and a client sending the development write key.</summary>
    public sealed class Host : IAsyncLifetime
    {
        internal RunningHost Running { get; private set; } = null!;

        public HttpClient Source { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Running = await RunningHost.StartAsync(Path.Combine(RunningHost.RepositoryRoot, "rules"), settings: s => s["Contacts"] = new JsonObject { ["MaxPushSubscriptionsPerCustomer"] = 3 });
            Source = SourceClient(Running.Address);
        }

        public async Task DisposeAsync()
        {
            Source.Dispose();
            await Running.DisposeAsync();
        }
    }

    /// <summary>A client presenting the development source's write key as Segment does: the HTTP Basic user name.</summary>
    public static HttpClient SourceClient(Uri address)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("dev-write-key:")));
        return client;
    }

    [Fact]
    public async Task A_browser_subscription_is_stored_and_shown_with_the_customer()
    {
        var subscription = PushKeys.WebSubscription(Endpoint);

        using var response = await _source.PostAsync("/api/customers/ada/push-subscriptions", Json(subscription));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("added", answer.GetProperty("outcome").GetString());
        Assert.Equal(Endpoint, answer.GetProperty("subscription").GetProperty("endpoint").GetString());
        var stored = Assert.Single((await CustomerAsync("ada")).GetProperty("pushSubscriptions").EnumerateArray());
        Assert.Equal("web", stored.GetProperty("platform").GetString());
        Assert.Equal(Endpoint, stored.GetProperty("endpoint").GetString());
        Assert.Equal(subscription["keys"]!["p256dh"]!.GetValue<string>(), stored.GetProperty("keys").GetProperty("p256dh").GetString());
        Assert.Equal(subscription["keys"]!["auth"]!.GetValue<string>(), stored.GetProperty("keys").GetProperty("auth").GetString());
    }

    [Fact]
    public async Task Posting_the_same_subscription_again_changes_nothing_but_its_keys()
    {
        using var first = await _source.PostAsync("/api/customers/bob/push-subscriptions", Json(PushKeys.WebSubscription(Endpoint)));
        var renewed = PushKeys.WebSubscription(Endpoint);

        using var second = await _source.PostAsync("/api/customers/bob/push-subscriptions", Json(renewed));
        using var third = await _source.PostAsync("/api/customers/bob/push-subscriptions", Json(renewed));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal("updated", (await third.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        var stored = Assert.Single((await CustomerAsync("bob")).GetProperty("pushSubscriptions").EnumerateArray());
        Assert.Equal(renewed["keys"]!["auth"]!.GetValue<string>(), stored.GetProperty("keys").GetProperty("auth").GetString());
    }

    [Fact]
    public async Task Past_the_limit_the_least_recently_posted_is_dropped_and_reported()
    {
        for (var i = 0; i < 3; i++)
        {
            using var posted = await _source.PostAsync("/api/customers/cy/push-subscriptions", Json(PushKeys.WebSubscription($"{Endpoint}/{i}")));
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        using var fourth = await _source.PostAsync("/api/customers/cy/push-subscriptions", Json(new JsonObject { ["platform"] = "apns", ["token"] = new string('a', 64) }));

        var dropped = Assert.Single((await fourth.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dropped").EnumerateArray());
        Assert.Equal($"{Endpoint}/0", dropped.GetProperty("endpoint").GetString());
        var kept = (await CustomerAsync("cy")).GetProperty("pushSubscriptions").EnumerateArray()
            .Select(s => s.GetProperty("endpoint").GetString() ?? s.GetProperty("token").GetString()!).ToArray();
        Assert.Equal([$"{Endpoint}/1", $"{Endpoint}/2", new string('a', 64)], kept);
    }

    [Fact]
    public async Task Delete_by_query_or_body_removes_the_subscription_and_an_unknown_one_is_404()
    {
        const string token = "dpH5lCsTSSM:APA91bHqjZxM0VImWWqDRN7U0a3AycjUf4O";
        using var web = await _source.PostAsync("/api/customers/dee/push-subscriptions", Json(PushKeys.WebSubscription(Endpoint)));
        using var fcm = await _source.PostAsync("/api/customers/dee/push-subscriptions", Json(new JsonObject { ["platform"] = "fcm", ["token"] = token }));

        using var byQuery = await _source.DeleteAsync($"/api/customers/dee/push-subscriptions?endpoint={Uri.EscapeDataString(Endpoint)}");
        using var byBody = await _source.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/customers/dee/push-subscriptions")
        {
            Content = Json(new JsonObject { ["platform"] = "fcm", ["token"] = token }),
        });
        using var again = await _source.DeleteAsync($"/api/customers/dee/push-subscriptions?endpoint={Uri.EscapeDataString(Endpoint)}");

        Assert.Equal(HttpStatusCode.NoContent, byQuery.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byBody.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("urn:triggerflow:problem:not-found", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Empty((await CustomerAsync("dee")).GetProperty("pushSubscriptions").EnumerateArray());
    }

    [Fact]
    public async Task Delete_naming_the_subscription_twice_or_not_at_all_is_400()
    {
        using var both = await _source.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/customers/eve/push-subscriptions?endpoint={Uri.EscapeDataString(Endpoint)}")
        {
            Content = Json(new JsonObject { ["endpoint"] = Endpoint }),
        });
        using var neither = await _source.DeleteAsync("/api/customers/eve/push-subscriptions");

        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        Assert.True((await neither.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("$", out _));
    }

    [Fact]
    public async Task An_invalid_subscription_is_400_with_field_errors_and_nothing_stored()
    {
        var body = PushKeys.WebSubscription("http://push.example.com/1");
        body["keys"]!["auth"] = "short";

        using var response = await _source.PostAsync("/api/customers/fay/push-subscriptions", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["endpoint", "keys.auth"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Admin.GetAsync("/api/customers/fay")).StatusCode);
    }

    [Fact]
    public async Task Without_a_write_key_it_is_401_and_with_the_admin_key_too()
    {
        using var anonymous = await _host.Client.PostAsync("/api/customers/gus/push-subscriptions", Json(PushKeys.WebSubscription(Endpoint)));
        using var admin = await _host.Admin.PostAsync("/api/customers/gus/push-subscriptions", Json(PushKeys.WebSubscription(Endpoint)));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
    }

    [Theory]
    [InlineData("not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"endpoint\":", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "application/json", HttpStatusCode.BadRequest)]
    public async Task Bodies_that_are_not_a_json_subscription_are_refused(string body, string contentType, HttpStatusCode expected)
    {
        using var response = await _source.PostAsync("/api/customers/hal/push-subscriptions", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var body = PushKeys.WebSubscription(Endpoint);
        body["padding"] = new string('x', 20 * 1024);

        using var response = await _source.PostAsync("/api/customers/ian/push-subscriptions", Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_customer_id_past_the_limit_is_400()
    {
        using var response = await _source.PostAsync($"/api/customers/{new string('x', 300)}/push-subscriptions", Json(PushKeys.WebSubscription(Endpoint)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Http_on_loopback_is_accepted_in_development_for_local_push_services()
    {
        using var response = await _source.PostAsync("/api/customers/joy/push-subscriptions", Json(PushKeys.WebSubscription("http://localhost:9012/notify/1")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task The_endpoints_are_in_the_openapi_document()
    {
        var document = await _host.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var path = document.GetProperty("paths").GetProperty("/api/customers/{id}/push-subscriptions");
        Assert.True(path.TryGetProperty("post", out var post));
        Assert.True(path.TryGetProperty("delete", out _));
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    [Fact]
    public async Task Subscriptions_survive_a_restart_of_the_host()
    {
        var root = Directory.CreateTempSubdirectory("triggerflow-push-").FullName;
        try
        {
            var rules = Path.Combine(RunningHost.RepositoryRoot, "rules");
            await using (var host = await RunningHost.StartAsync(rules, settings: s => s["DataDir"] = root))
            {
                using var source = SourceClient(host.Address);
                using var posted = await source.PostAsync("/api/customers/kim/push-subscriptions", Json(PushKeys.WebSubscription(Endpoint)));
                Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            }

            await using var restarted = await RunningHost.StartAsync(rules, settings: s => s["DataDir"] = root);
            var customer = await restarted.Admin.GetFromJsonAsync<JsonElement>("/api/customers/kim");
            Assert.Equal(Endpoint, Assert.Single(customer.GetProperty("pushSubscriptions").EnumerateArray()).GetProperty("endpoint").GetString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private async Task<JsonElement> CustomerAsync(string id) =>
        await _host.Admin.GetFromJsonAsync<JsonElement>($"/api/customers/{Uri.EscapeDataString(id)}");
}
