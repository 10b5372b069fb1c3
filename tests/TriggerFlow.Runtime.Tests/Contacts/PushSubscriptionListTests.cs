using TriggerFlow.Runtime.Contacts;

namespace TriggerFlow.Runtime.Tests.Contacts;

public sealed class PushSubscriptionListTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_subscription_is_added_at_the_end()
    {
        var list = new List<PushSubscription> { Web("a", 0) };

        var (outcome, dropped) = PushSubscriptionList.Add(list, Web("b", 1), limit: 20);

        Assert.Equal(PushSubscribeOutcome.Added, outcome);
        Assert.Empty(dropped);
        Assert.Equal(["a", "b"], list.Select(s => s.Address));
    }

    [Fact]
    public void The_same_endpoint_posted_again_replaces_the_old_entry_and_moves_to_the_end()
    {
        var list = new List<PushSubscription> { Web("a", 0), Web("b", 1) };
        var refreshed = Web("a", 2) with { Auth = "new-secret" };

        var (outcome, dropped) = PushSubscriptionList.Add(list, refreshed, limit: 20);

        Assert.Equal(PushSubscribeOutcome.Updated, outcome);
        Assert.Empty(dropped);
        Assert.Equal([Web("b", 1), refreshed], list);
    }

    [Fact]
    public void A_token_is_the_same_subscription_only_on_the_same_platform()
    {
        var list = new List<PushSubscription> { Mobile(PushPlatform.Fcm, "t", 0) };

        var (outcome, _) = PushSubscriptionList.Add(list, Mobile(PushPlatform.Apns, "t", 1), limit: 20);

        Assert.Equal(PushSubscribeOutcome.Added, outcome);
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public void Past_the_limit_the_least_recently_posted_is_dropped()
    {
        var list = Enumerable.Range(0, 3).Select(i => Web($"e{i}", i)).ToList();
        PushSubscriptionList.Add(list, Web("e0", 3), limit: 3);

        var (outcome, dropped) = PushSubscriptionList.Add(list, Web("e4", 4), limit: 3);

        Assert.Equal(PushSubscribeOutcome.Added, outcome);
        Assert.Equal(["e1"], dropped.Select(s => s.Address));
        Assert.Equal(["e2", "e0", "e4"], list.Select(s => s.Address));
    }

    [Fact]
    public void A_lowered_limit_drops_down_to_it()
    {
        var list = Enumerable.Range(0, 5).Select(i => Web($"e{i}", i)).ToList();

        var (_, dropped) = PushSubscriptionList.Add(list, Web("e5", 5), limit: 2);

        Assert.Equal(["e0", "e1", "e2", "e3"], dropped.Select(s => s.Address));
        Assert.Equal(["e4", "e5"], list.Select(s => s.Address));
    }

    [Fact]
    public void Remove_takes_out_only_the_named_subscription()
    {
        var list = new List<PushSubscription> { Web("a", 0), Mobile(PushPlatform.Fcm, "a", 1) };

        Assert.True(PushSubscriptionList.Remove(list, PushPlatform.Web, "a"));
        Assert.False(PushSubscriptionList.Remove(list, PushPlatform.Web, "a"));
        Assert.False(PushSubscriptionList.Remove(list, PushPlatform.Web, "A"));
        Assert.Equal([Mobile(PushPlatform.Fcm, "a", 1)], list);
    }

    private static PushSubscription Web(string endpoint, int minute) =>
        new(PushPlatform.Web, endpoint, "key", "secret", null, Start.AddMinutes(minute));

    private static PushSubscription Mobile(PushPlatform platform, string token, int minute) =>
        new(platform, token, null, null, null, Start.AddMinutes(minute));
}
