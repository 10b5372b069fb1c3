using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Tests.EndToEnd;

/// <summary>
/// Scenario 1 (rules/bts-browse.trigger) through the real host: Segment calls over HTTP, the
/// customer's grain, its durable reminder, the outbox and the file channel, with a fake clock.
/// </summary>
public sealed class MaryEndToEndTests
{
    private static readonly DateTimeOffset Start = new(2026, 7, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lateness = TimeSpan.FromMinutes(5);

    /// <summary>A reminder due while its silo was down, or far off when armed, fires within one period (a minute) of being due.</summary>
    private static readonly TimeSpan WakeUpSlack = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Mary_gets_exactly_one_email_24_hours_after_her_latest_browse()
    {
        using var folder = new HostFolder();
        var time = new FakeTimeProvider(Start);
        await using var host = await InProcessHost.StartAsync(folder, time);
        using var segment = new SegmentClient(host.Address);

        await MaryBrowsesAsync(segment, time);
        var retried = await segment.TrackAsync("mary", "browse-2", "browsed category", time.GetUtcNow(), new JsonObject { ["category"] = "school-supplies" });
        Assert.Equal(1, (await retried.Content.ReadFromJsonAsync<JsonObject>())!["duplicates"]!.GetValue<int>());

        var delivered = host.Probe.Next(nameof(ICustomerGrain.Acknowledge), "mary");
        time.Advance(TimeSpan.FromHours(24) + Lateness);
        await time.AdvanceUntilAsync(delivered, within: WakeUpSlack);

        var email = Assert.Single(folder.Sent("email"));
        Assert.Equal("bts-browse", (string?)email["rule"]);
        Assert.Equal("mary", (string?)email["customerId"]);
        Assert.Equal("fifteen-off", (string?)email["variant"]);
        Assert.Equal(new DateTimeOffset(2026, 7, 11, 15, 0, 0, TimeSpan.Zero), email["decidedAt"]!.GetValue<DateTimeOffset>());
        Assert.Null((await host.Grains.GetGrain<ICustomerGrain>("mary").Inspect()).NextWakeUp);
    }

    [Fact]
    public async Task A_purchase_within_24_hours_sends_nothing()
    {
        using var folder = new HostFolder();
        var time = new FakeTimeProvider(Start);
        await using var host = await InProcessHost.StartAsync(folder, time);
        using var segment = new SegmentClient(host.Address);

        await MaryBrowsesAsync(segment, time);
        time.Advance(TimeSpan.FromHours(20));
        await PostAsync(segment.TrackAsync("mary", "purchase-1", "purchase", time.GetUtcNow(), new JsonObject { ["category"] = "kids-clothing", ["location"] = "online" }));
        time.Advance(TimeSpan.FromHours(10) + Lateness);

        var mary = await host.Grains.GetGrain<ICustomerGrain>("mary").Inspect();
        Assert.Null(mary.NextWakeUp);
        Assert.Contains(mary.RecentDecisions, d => d.Contains("window bts-browse closed: Cancelled", StringComparison.Ordinal));
        Assert.DoesNotContain(mary.RecentDecisions, d => d.Contains(" send ", StringComparison.Ordinal));
        Assert.Empty(folder.Sent("email"));
    }

    [Fact]
    public async Task A_host_restarted_mid_window_and_down_past_the_deadline_still_sends_exactly_once()
    {
        using var folder = new HostFolder();
        var time = new FakeTimeProvider(Start);
        await using (var first = await InProcessHost.StartAsync(folder, time))
        {
            using var segment = new SegmentClient(first.Address);
            await MaryBrowsesAsync(segment, time);
            time.Advance(TimeSpan.FromHours(12));
        }

        // Down while the deadline passes: the reminder is due when the next host starts.
        time.Advance(TimeSpan.FromHours(13));
        folder.NewPorts();
        await using var second = await InProcessHost.StartAsync(folder, time);
        var delivered = second.Probe.Next(nameof(ICustomerGrain.Acknowledge), "mary");
        await time.AdvanceUntilAsync(delivered, within: WakeUpSlack);

        var email = Assert.Single(folder.Sent("email"));
        Assert.Equal(new DateTimeOffset(2026, 7, 11, 15, 0, 0, TimeSpan.Zero), email["decidedAt"]!.GetValue<DateTimeOffset>());
        Assert.Null((await second.Grains.GetGrain<ICustomerGrain>("mary").Inspect()).NextWakeUp);
    }

    /// <summary>As in rules/scenarios/bts-browse.scenario: a parent who shopped for school last year browses twice, six hours apart.</summary>
    private static async Task MaryBrowsesAsync(SegmentClient segment, FakeTimeProvider time)
    {
        await PostAsync(segment.IdentifyAsync("mary", "identify-1", time.GetUtcNow(), new JsonObject
        {
            ["has_children"] = true,
            ["last_school_purchase"] = "2025-08-20",
            ["time_zone"] = "America/New_York",
        }));
        await PostAsync(segment.TrackAsync("mary", "browse-1", "browsed category", time.GetUtcNow(), new JsonObject { ["category"] = "kids-clothing" }));
        time.Advance(TimeSpan.FromHours(6));
        await PostAsync(segment.TrackAsync("mary", "browse-2", "browsed category", time.GetUtcNow(), new JsonObject { ["category"] = "school-supplies" }));
    }

    private static async Task PostAsync(Task<HttpResponseMessage> post)
    {
        using var response = await post;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
