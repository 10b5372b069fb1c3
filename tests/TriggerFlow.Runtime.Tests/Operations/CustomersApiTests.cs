using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TriggerFlow.Runtime.Tests.Operations;

public sealed class CustomersApiTests(SharedHost shared) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task A_customer_is_shown_with_the_admin_key()
    {
        await PostAsync("/v1/identify", """{"userId":"customer-1","messageId":"customer-1-hello","traits":{"country":"NL"}}""");

        var response = await shared.Host.Admin.GetAsync("/api/customers/customer-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var customer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("customer-1", customer.GetProperty("customerId").GetString());
        Assert.Equal(JsonValueKind.Object, customer.GetProperty("state").ValueKind);
        Assert.Equal(JsonValueKind.Array, customer.GetProperty("recentDecisions").ValueKind);
    }

    [Theory]
    [InlineData("never-seen")]
    [InlineData("CUSTOMER-1")]
    public async Task A_customer_never_seen_is_404_with_a_problem_that_says_so(string id)
    {
        await PostAsync("/v1/identify", """{"userId":"customer-1","messageId":"customer-1-hello","traits":{"country":"NL"}}""");

        var response = await shared.Host.Admin.GetAsync($"/api/customers/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unknown customer", problem.GetProperty("title").GetString());
        Assert.StartsWith($"No event, identify, alias or push subscription has been stored for customer `{id}`.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_whose_only_item_was_quarantined_is_still_unknown()
    {
        await PostAsync("/v1/track", """{"userId":"only-broken","event":"viewed product","properties":{"price":"free"}}""");

        Assert.Equal(HttpStatusCode.NotFound, (await shared.Host.Admin.GetAsync("/api/customers/only-broken")).StatusCode);
    }

    [Fact]
    public async Task A_customer_is_refused_without_the_key()
    {
        var response = await shared.Host.Client.GetAsync("/api/customers/customer-1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_overlong_id_is_400()
    {
        var response = await shared.Host.Admin.GetAsync("/api/customers/" + new string('x', 300));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task PostAsync(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("dev-write-key:")));
        using var response = await shared.Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
