using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TriggerFlow.Engine.State;
using TriggerFlow.Runtime.Tests.Operations;

namespace TriggerFlow.Runtime.Tests.Ingestion.Quarantine;

/// <summary>
/// The whole host, as an operator meets it: an item the catalog cannot take is quarantined and the
/// customer stays unknown; a catalog fixed through <c>POST /api/rules</c> and a replay bring the
/// item to the customer's grain, durably, and empty the quarantine.
/// </summary>
public sealed class ReplayAfterDeployTests
{
    private const string Track = """{"userId":"ana","event":"viewed product","messageId":"ana-1","properties":{"product":"mug","price":"twelve"}}""";

    [Fact]
    public async Task An_item_quarantined_for_a_property_type_replays_after_the_fixed_catalog_is_deployed()
    {
        using var rules = new RulesSandbox();
        await using var host = await RunningHost.StartAsync(rules.RulesFolder);
        using var source = new HttpClient { BaseAddress = host.Address };
        source.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("dev-write-key:")));

        var posted = await source.PostAsync("/v1/track", new StringContent(Track, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("quarantined", (await posted.Content.ReadFromJsonAsync<JsonObject>())!["items"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Admin.GetAsync("/api/customers/ana")).StatusCode);

        var stillBroken = await host.Admin.PostAsync("/api/ingestion/quarantine/replay", null);
        Assert.Equal(1, (await stillBroken.Content.ReadFromJsonAsync<JsonObject>())!["stillUnusable"]!.GetValue<int>());

        var fixedCatalog = RulesSandbox.Catalog.Replace("      price: number", "      price: string", StringComparison.Ordinal);
        var deploy = await host.Admin.PostAsJsonAsync("/api/rules", new
        {
            catalog = new { path = "rules/catalog.yaml", text = fixedCatalog },
            files = new[] { new { path = "rules/welcome.trigger", text = RulesSandbox.Welcome } },
        });
        Assert.Equal(HttpStatusCode.OK, deploy.StatusCode);

        var replay = await host.Admin.PostAsync("/api/ingestion/quarantine/replay", null);

        var report = await replay.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((1, 1, 0), (report!["replayed"]!.GetValue<int>(), report["accepted"]!.GetValue<int>(), report["stillUnusable"]!.GetValue<int>()));
        var customer = await host.Admin.GetFromJsonAsync<JsonElement>("/api/customers/ana");
        Assert.True(customer.GetProperty("state").GetProperty("seen").TryGetProperty(MessageIds.StoredKey("ana-1"), out _));
        Assert.Empty((await host.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine"))!["items"]!.AsArray());

        var again = await host.Admin.PostAsync("/api/ingestion/quarantine/replay", null);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonObject>())!["replayed"]!.GetValue<int>());
    }
}
