using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TriggerFlow.Runtime.Tests.EndToEnd;

/// <summary>
/// The host in its own process, killed with SIGKILL while a source posts unusable items, then started
/// again on the same data folder: every item answered <c>quarantined</c> is still in the quarantine.
/// </summary>
public sealed class QuarantineCrashTests
{
    private const int Items = 400;
    private const int KillAfterAcks = 60;
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(100);

    [Fact]
    public async Task Every_item_answered_quarantined_survives_a_SIGKILL()
    {
        using var folder = new HostFolder();
        var acknowledged = new ConcurrentQueue<string>();
        var run = Guid.NewGuid().ToString("N")[..8];

        await using (var doomed = await HostProcess.StartAsync(folder))
        {
            var load = PostUnusableAsync(doomed.Address, run, acknowledged);
            await Until(() => acknowledged.Count >= KillAfterAcks || load.IsCompleted);
            doomed.Kill();
            await load;
        }

        Assert.InRange(acknowledged.Count, KillAfterAcks, Items - 1);
        folder.NewPorts();
        await using var restarted = await HostProcess.StartAsync(folder);
        using var admin = new HttpClient { BaseAddress = restarted.Address };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dev-admin-key-change-me");
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var download = await admin.GetStringAsync("/api/ingestion/quarantine/download");
        foreach (var line in download.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            kept.Add(JsonNode.Parse(line)!["messageId"]!.GetValue<string>());
        }

        Assert.All(acknowledged, id => Assert.Contains(id, kept));
    }

    /// <summary>Track calls with a price the catalog cannot take, one after another until the host dies or all are posted.</summary>
    private static async Task PostUnusableAsync(Uri address, string run, ConcurrentQueue<string> acknowledged)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("dev-write-key:")));
        for (var i = 0; i < Items; i++)
        {
            var messageId = $"broken-{run}-{i}";
            try
            {
                using var response = await http.PostAsync("/v1/track", new StringContent(
                    $$$"""{"userId":"c{{{i}}}","messageId":"{{{messageId}}}","event":"added to cart","properties":{"price":"not a number"}}""", Encoding.UTF8, "application/json"));
                if (response.StatusCode == HttpStatusCode.OK
                    && (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]![0]!["status"]!.GetValue<string>() == "quarantined")
                {
                    acknowledged.Enqueue(messageId);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                return;
            }
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Bounded, $"fewer than {KillAfterAcks} items were acknowledged within {Bounded.TotalSeconds:0}s");
            await Task.Delay(50);
        }
    }
}
