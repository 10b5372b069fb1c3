using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TriggerFlow.Runtime.Tests.Operations;

public sealed class HealthTests(SharedHost shared) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task Liveness_is_200_without_a_key()
    {
        var response = await shared.Host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_host_with_its_silo_storage_and_rules_up_is_ready()
    {
        var response = await shared.Host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ready", report.GetProperty("status").GetString());
        Assert.Equal("Active", report.GetProperty("silo").GetString());
        Assert.Equal("reachable", report.GetProperty("storage").GetString());
        Assert.Equal(shared.Rules.Version(), report.GetProperty("rulesVersion").GetString());
    }

    [Fact]
    public async Task A_host_without_rules_is_alive_but_not_ready()
    {
        await using var host = await RunningHost.StartAsync(rulesFolder: "");

        var live = await host.Client.GetAsync("/healthz");
        var ready = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not ready", report.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("rulesVersion").ValueKind);
    }
}
