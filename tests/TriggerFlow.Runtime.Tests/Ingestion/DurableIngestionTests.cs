using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using TriggerFlow.Runtime.Tests.EndToEnd;
using static TriggerFlow.Runtime.Tests.Ingestion.SegmentApiTests;

namespace TriggerFlow.Runtime.Tests.Ingestion;

/// <summary>Ingestion through the whole host: real HTTP, the real customer grains and their durable storage, the repository's catalog.</summary>
public sealed class DurableIngestionTests
{
    private const string Batch = """
        {"batch":[
          {"type":"track","userId":"eve","event":"added to cart","messageId":"eve-1","properties":{"product":"pen","price":2.5,"cart":"c1"}},
          {"type":"track","userId":"eve","event":"added to cart","messageId":"eve-2","properties":{"price":"a lot"}},
          {"type":"identify","userId":"eve","anonymousId":"anon-eve","messageId":"eve-3","traits":{"country":"NL"}},
          {"type":"track","userId":"sam","event":"checkout","messageId":"sam-1","properties":{"cart":"c9","total":12}}
        ]}
        """;

    [Fact]
    public async Task Good_events_are_acknowledged_after_the_grains_stored_them_and_a_retry_is_all_duplicates()
    {
        using var folder = new HostFolder();
        await using var host = await InProcessHost.StartAsync(folder, new FakeTimeProvider(new DateTimeOffset(2026, 7, 10, 9, 0, 0, TimeSpan.Zero)));
        using var client = new HttpClient { BaseAddress = host.Address };

        var first = await Json(await client.SendAsync(Post()));
        var retry = await Json(await client.SendAsync(Post()));

        Assert.Equal((3, 1), (first["accepted"]!.GetValue<int>(), first["quarantined"]!.GetValue<int>()));
        Assert.Equal((0, 3, 1), (retry["accepted"]!.GetValue<int>(), retry["duplicates"]!.GetValue<int>(), retry["quarantined"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_cloud_event_reaches_its_customers_grain()
    {
        using var folder = new HostFolder();
        await using var host = await InProcessHost.StartAsync(folder, new FakeTimeProvider(new DateTimeOffset(2026, 7, 10, 9, 0, 0, TimeSpan.Zero)));
        using var client = new HttpClient { BaseAddress = host.Address };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = new StringContent("""{"product":"mug","price":7}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "dev-write-key");
        foreach (var (name, value) in (ReadOnlySpan<(string, string)>)[("ce-specversion", "1.0"), ("ce-type", "viewed product"), ("ce-source", "/shop"), ("ce-id", "v-1"), ("ce-subject", "ivy")])
        {
            request.Headers.Add(name, value);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", (await Json(response))["items"]![0]!["status"]!.GetValue<string>());
    }

    private static HttpRequestMessage Post()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = new StringContent(Batch, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = IngestionHost.Basic("dev-write-key");
        return request;
    }
}
