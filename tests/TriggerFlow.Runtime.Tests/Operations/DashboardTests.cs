using System.Net;
using System.Net.Http.Headers;

namespace TriggerFlow.Runtime.Tests.Operations;

public sealed class DashboardTests(SharedHost shared) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task The_dashboard_opens_from_loopback_in_development()
    {
        var response = await shared.Host.Client.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Outside_development_the_dashboard_needs_the_admin_key()
    {
        using var rules = new RulesSandbox();
        await using var host = await RunningHost.StartAsync(rules.RulesFolder, "Staging", settings => settings.Remove("Sources"));

        var without = await host.Client.GetAsync("/dashboard/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RunningHost.AdminKey);
        var with = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }
}
