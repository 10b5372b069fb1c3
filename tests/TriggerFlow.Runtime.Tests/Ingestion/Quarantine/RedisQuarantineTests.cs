using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TriggerFlow.Runtime.Ingestion.Quarantine;
using TriggerFlow.Runtime.Storage.Quarantine;
using TriggerFlow.Runtime.Tests.Storage;
using static TriggerFlow.Runtime.Tests.Ingestion.SegmentApiTests;

namespace TriggerFlow.Runtime.Tests.Ingestion.Quarantine;

/// <summary>With <c>Storage=redis</c> the quarantine lives in Redis: what one silo kept, another silo lists and replays.</summary>
public sealed class RedisQuarantineTests
{
    [Fact]
    public async Task An_item_quarantined_through_one_host_is_listed_by_another_sharing_the_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        var service = "ingest-" + Guid.NewGuid().ToString("N")[..8];
        void Cluster(Dictionary<string, string?> s)
        {
            s["TriggerFlow:Storage"] = "redis";
            s["TriggerFlow:Redis"] = redis.ConnectionString;
            s["TriggerFlow:ServiceId"] = service;
        }

        await using var first = await IngestionHost.StartAsync(Cluster);
        await using var second = await IngestionHost.StartAsync(Cluster);

        var answer = await Json(await first.PostAsync("/v1/track", """{"userId":"u1","event":"added to cart","messageId":"r-1","properties":{"price":"cheap"}}"""));
        var listed = await second.Admin.GetFromJsonAsync<JsonObject>("/api/ingestion/quarantine");

        Assert.IsType<RedisQuarantineStore>(first.Services.GetRequiredService<IQuarantineStore>());
        Assert.Equal("quarantined", answer["items"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("r-1", Assert.Single(listed!["items"]!.AsArray())!["messageId"]!.GetValue<string>());
    }
}
