using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using TriggerFlow.Runtime.Tests.EndToEnd;
using TriggerFlow.Runtime.Tests.Storage;
using TriggerFlow.Testing;

namespace TriggerFlow.Runtime.Tests.Cluster;

/// <summary>
/// Two silo processes in one cluster on a real local Redis (clustering, grain state, reminders).
/// Windows open on both; one silo is killed with SIGKILL while they are pending; every window
/// still fires exactly once, from whichever silo took over its customer.
/// </summary>
public sealed class TwoSiloRedisTests
{
    private const int Customers = 40;

    [Fact]
    public async Task Every_pending_window_fires_exactly_once_after_one_of_two_silos_is_killed()
    {
        await using var redis = await RedisServer.StartAsync();
        using var rules = new QuickRules(windowSeconds: 20);
        var cluster = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        using var survivorFolder = new HostFolder(rules.Folder, s => Cluster(s, cluster, redis));
        using var doomedFolder = new HostFolder(rules.Folder, s => Cluster(s, cluster, redis));
        await using var survivor = await HostProcess.StartAsync(survivorFolder);
        await using var doomed = await HostProcess.StartAsync(doomedFolder);

        var customers = Enumerable.Range(0, Customers).Select(i => $"{cluster}-{i}").ToArray();
        await PostCartsAsync(survivor.Address, customers[..(Customers / 2)]);
        await PostCartsAsync(doomed.Address, customers[(Customers / 2)..]);
        doomed.Kill();

        await Until(() => customers.All(c => Sent(survivorFolder, doomedFolder).Any(m => (string?)m["customerId"] == c)));
        var sent = Sent(survivorFolder, doomedFolder);
        Assert.All(sent.GroupBy(m => (string?)m["customerId"]), g => Assert.Single(g));
        Assert.Equal(Customers, sent.Count);
    }

    private static void Cluster(JsonObject settings, string cluster, RedisServer redis)
    {
        settings["Storage"] = "redis";
        settings["Redis"] = redis.ConnectionString;
        settings["SiloHost"] = "127.0.0.1";
        settings["ClusterId"] = cluster;
        settings["ServiceId"] = cluster;
        settings["AllowedLatenessSeconds"] = QuickRules.LatenessSeconds;
    }

    /// <summary>Both silos' file channels: a message is in the outbox file of the silo that delivered it.</summary>
    private static List<JsonObject> Sent(HostFolder first, HostFolder second) => [.. first.Sent("email"), .. second.Sent("email")];

    private static async Task PostCartsAsync(Uri address, IEnumerable<string> customers)
    {
        using var segment = new SegmentClient(address);
        foreach (var customer in customers)
        {
            using var response = await segment.TrackAsync(customer, "cart-" + customer, "added to cart", DateTimeOffset.UtcNow, new JsonObject { ["cart"] = customer, ["product"] = "p", ["price"] = 10 });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>
    /// Waits in real time (the windows are real 20-second windows) for <paramref name="condition"/>;
    /// the end-to-end hang guard only stops a cluster that never takes over.
    /// </summary>
    private static async Task Until(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < HangGuard.EndToEndLimit, $"not every window fired within {HangGuard.EndToEndLimit.TotalSeconds:0}s of killing a silo");
            await Task.Delay(250);
        }
    }
}
