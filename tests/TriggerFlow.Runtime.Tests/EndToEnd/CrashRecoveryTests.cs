using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using TriggerFlow.Engine.State;
using TriggerFlow.Testing;

namespace TriggerFlow.Runtime.Tests.EndToEnd;

/// <summary>
/// The host in its own process, killed with SIGKILL in the middle of a stream of events, then
/// started again on the same data folder. Real time, a 20-second window; every wait is bounded by
/// the end-to-end hang guard, which only a hang reaches.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int Customers = 300;
    private const int KillAfterAcks = 80;

    [Fact]
    public async Task Every_acknowledged_event_survives_a_SIGKILL_and_no_message_is_sent_twice()
    {
        using var rules = new QuickRules(windowSeconds: 20);
        using var folder = new HostFolder(rules.Folder, s => s["AllowedLatenessSeconds"] = QuickRules.LatenessSeconds);
        var acknowledged = new ConcurrentQueue<string>();
        var run = Guid.NewGuid().ToString("N")[..8];

        await using (var doomed = await HostProcess.StartAsync(folder))
        {
            var load = PostCartsAsync(doomed.Address, run, acknowledged);
            Assert.True(await Until(() => acknowledged.Count >= KillAfterAcks || load.IsCompleted), "the host acknowledged too few events before the kill");
            doomed.Kill();
            await load;
        }

        Assert.InRange(acknowledged.Count, KillAfterAcks, Customers - 1);
        folder.NewPorts();
        await using var restarted = await HostProcess.StartAsync(folder);
        foreach (var customer in acknowledged)
        {
            var state = (await restarted.CustomerAsync(customer)).GetProperty("state");
            Assert.True(state.GetProperty("seen").TryGetProperty(MessageIds.StoredKey(CartMessage(customer)), out _), $"{customer}'s acknowledged event is missing after the restart");
            Assert.False(state.TryGetProperty("lateEvents", out var late) && late.GetInt64() > 0, $"{customer}'s event arrived more than {QuickRules.LatenessSeconds} s after its timestamp and was ignored as late");
        }

        if (!await Until(() => acknowledged.All(c => folder.Sent("email").Any(m => (string?)m["customerId"] == c))))
        {
            // Says who is missing and what the host holds for them, so a failure can be understood from its message.
            var reminded = folder.Sent("email").Select(m => (string?)m["customerId"]).ToHashSet();
            var missing = acknowledged.Where(c => !reminded.Contains(c)).ToList();
            var states = await Task.WhenAll(missing.Take(2).Select(async c => $"{c}: {await restarted.CustomerAsync(c)}"));
            Assert.Fail($"{missing.Count} of {acknowledged.Count} acknowledged customers got no reminder within {HangGuard.EndToEndLimit.TotalSeconds:0} s, such as\n{string.Join('\n', states)}");
        }

        var sent = folder.Sent("email");
        Assert.All(sent.GroupBy(m => (string?)m["idempotencyKey"]), g => Assert.Single(g));
        Assert.All(sent.GroupBy(m => (string?)m["customerId"]), g => Assert.Single(g));
        Assert.All(sent, m => Assert.Equal(QuickRules.Rule, (string?)m["rule"]));
    }

    private static string CartMessage(string customer) => "cart-" + customer;

    /// <summary>One cart per customer, posted one after another until the host dies or all are posted.</summary>
    private static async Task PostCartsAsync(Uri address, string run, ConcurrentQueue<string> acknowledged)
    {
        using var segment = new SegmentClient(address);
        for (var i = 0; i < Customers; i++)
        {
            var customer = $"crash-{run}-{i}";
            try
            {
                using var response = await segment.TrackAsync(customer, CartMessage(customer), "added to cart", DateTimeOffset.UtcNow, new JsonObject { ["cart"] = $"cart-{i}", ["product"] = "p", ["price"] = 10 });
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged.Enqueue(customer);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                return;
            }
        }
    }

    /// <summary>Whether <paramref name="condition"/> came true before the end-to-end hang guard ran out.</summary>
    private static async Task<bool> Until(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > HangGuard.EndToEndLimit)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
