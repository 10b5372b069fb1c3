using TriggerFlow.Runtime.Contacts;

namespace TriggerFlow.Runtime.Orchestration;

/// <summary>The customer's push subscriptions: stored with the rest of its state, in the same single write.</summary>
internal sealed partial class CustomerGrain
{
    public async Task<PushSubscribeResult> SubscribePush(PushSubscription subscription, int limit)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var stamped = subscription with { SubscribedAt = Now.ToDateTimeOffset() };
        PushSubscribeResult? result = null;
        await ChangeAsync(() =>
        {
            var (outcome, dropped) = PushSubscriptionList.Add(State.PushSubscriptions, stamped, limit);
            result = new PushSubscribeResult(outcome, stamped, dropped);
            return Task.FromResult(true);
        });
        return result!;
    }

    public async Task<bool> UnsubscribePush(PushPlatform platform, string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var removed = false;
        await ChangeAsync(() => Task.FromResult(removed = PushSubscriptionList.Remove(State.PushSubscriptions, platform, address)));
        return removed;
    }

    public Task<IReadOnlyList<PushSubscription>> PushSubscriptions() =>
        Task.FromResult<IReadOnlyList<PushSubscription>>([.. State.PushSubscriptions]);
}
