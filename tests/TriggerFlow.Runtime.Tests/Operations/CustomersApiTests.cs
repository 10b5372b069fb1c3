using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TriggerFlow.Runtime.Tests.Operations;

public sealed class CustomersApiTests(SharedHost shared) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task A_customer_is_shown_with_the_admin_key()
    {
        var response = await shared.Host.Admin.GetAsync("/api/customers/customer-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var customer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("customer-1", customer.GetProperty("customerId").GetString());
        Assert.Equal(JsonValueKind.Object, customer.GetProperty("state").ValueKind);
        Assert.Equal(JsonValueKind.Array, customer.GetProperty("recentDecisions").ValueKind);
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
}
