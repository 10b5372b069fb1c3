using System.Net.Http.Json;
using System.Text.Json;
using TriggerFlow.Runtime.Tests.Operations;

namespace TriggerFlow.Runtime.Tests.Peers;

/// <summary>
/// Segment's official Node library (<c>@segment/analytics-node</c> 3.1.0, from npm), unchanged,
/// posting to the host's <c>/v1/batch</c> over real HTTP: what a shop that already runs Segment does.
/// </summary>
public sealed class SegmentNodeClientTests
{
    [Fact]
    public async Task The_official_client_posts_spec_and_unknown_events_and_an_identify_without_a_delivery_failure()
    {
        await using var host = await RunningHost.StartAsync(Path.Combine(RunningHost.RepositoryRoot, "rules"));
        const string customer = "segment-node-1";

        var run = await NodePeers.NodeAsync("segment-client.js", host.Address.ToString().TrimEnd('/'), "dev-write-key", customer);

        Assert.True(run.ExitCode == 0, $"node exited {run.ExitCode}:\n{run.Error}");
        using var report = JsonDocument.Parse(run.Output);
        var responses = report.RootElement.GetProperty("responses").EnumerateArray().Select(r => $"{r.GetProperty("status").GetInt32()} {r.GetProperty("body").GetString()}").ToList();
        Assert.NotEmpty(responses);
        Assert.True(
            report.RootElement.GetProperty("failures").GetArrayLength() == 0,
            $"the client reported failures: {report.RootElement.GetProperty("failures")}\nthe host answered: {string.Join("\n", responses)}");
        Assert.All(responses, r => Assert.StartsWith("200 ", r, StringComparison.Ordinal));
        Assert.All(report.RootElement.GetProperty("responses").EnumerateArray(), r => NothingRejected(r.GetProperty("body").GetString()!));

        var inspection = await host.Admin.GetFromJsonAsync<JsonElement>($"/api/customers/{customer}");
        var state = inspection.GetProperty("state");

        // The identify's reserved traits are kept as the contact point and profile; `shoe_size`, unknown to the catalog, is not.
        var profile = state.GetProperty("profile");
        Assert.Equal("ada@example.com", profile.GetProperty("email").GetString());
        Assert.Equal("Ada", profile.GetProperty("firstName").GetString());
        Assert.False(profile.TryGetProperty("shoe_size", out _));

        // `Product Added` with `cart_id` is the catalog's `added to cart` with `cart`: it opens cart-reminder's window, one per cart.
        var decisions = inspection.GetProperty("recentDecisions").EnumerateArray().Select(d => d.GetString()!).ToList();
        Assert.Contains(decisions, d => d.Contains("window cart-reminder opened", StringComparison.Ordinal));
        var window = Assert.Single(state.GetProperty("windows").EnumerateArray(), w => w.GetProperty("rule").GetString() == "cart-reminder");
        Assert.Equal("cart-7", window.GetProperty("signal").GetProperty("cart").GetString());

        // `Product Viewed` and `Order Completed` are kept under their catalog names, since the shipped rules await them (next-product).
        var recent = state.GetProperty("recent").EnumerateArray().ToList();
        var viewed = Assert.Single(recent, e => e.GetProperty("name").GetString() == "viewed product");
        Assert.Equal("shoes", viewed.GetProperty("properties").GetProperty("category").GetString());
        Assert.Single(recent, e => e.GetProperty("name").GetString() == "purchase");
        Assert.DoesNotContain(recent, e => e.GetProperty("name").GetString()!.Contains("Coupon", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_refusal_reaches_the_report_as_the_client_raises_it()
    {
        // The assertion above that the client raised nothing means something only if a refusal does show up.
        await using var host = await RunningHost.StartAsync(Path.Combine(RunningHost.RepositoryRoot, "rules"));

        var run = await NodePeers.NodeAsync("segment-client.js", host.Address.ToString().TrimEnd('/'), "not-a-write-key", "segment-node-2");

        Assert.True(run.ExitCode == 0, $"node exited {run.ExitCode}:\n{run.Error}");
        using var report = JsonDocument.Parse(run.Output);
        var failures = report.RootElement.GetProperty("failures").EnumerateArray().ToList();
        Assert.Equal(5, failures.Count(f => f.GetProperty("source").GetString()!.StartsWith("callback of ", StringComparison.Ordinal)));
        Assert.Equal(5, failures.Count(f => f.TryGetProperty("code", out var code) && code.GetString() == "delivery_failure"));
        Assert.Equal(401, Assert.Single(report.RootElement.GetProperty("responses").EnumerateArray()).GetProperty("status").GetInt32());
    }

    /// <summary>An unknown event is accepted and counted as ignored, never rejected: a rejection is what makes the client report a failure.</summary>
    private static void NothingRejected(string answer)
    {
        using var body = JsonDocument.Parse(answer);
        if (body.RootElement.TryGetProperty("rejected", out var rejected))
        {
            Assert.True(rejected.GetInt32() == 0, $"the host rejected items: {answer}");
        }
    }
}
