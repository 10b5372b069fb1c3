namespace TriggerFlow.Runtime.Contacts;

/// <summary>What posting a subscription did to a customer's list.</summary>
public enum PushSubscribeOutcome
{
    /// <summary>It was new and was added.</summary>
    Added,

    /// <summary>It was there already (same endpoint or token); its keys and time were refreshed.</summary>
    Updated,
}

/// <summary>
/// The rules of a customer's push subscription list, apart from the grain that stores it: one entry
/// per endpoint or token, at most a bounded number, the least recently posted dropped first. A
/// browser that rotates its subscription posts a new endpoint while the old one goes stale, so the
/// newest are the likeliest to work.
/// </summary>
internal static class PushSubscriptionList
{
    /// <summary>Adds or refreshes <paramref name="subscription"/>; returns what happened and the entries dropped to stay within <paramref name="limit"/>.</summary>
    public static (PushSubscribeOutcome Outcome, IReadOnlyList<PushSubscription> Dropped) Add(List<PushSubscription> list, PushSubscription subscription, int limit)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var index = list.FindIndex(s => s.SameAs(subscription.Platform, subscription.Address));
        if (index >= 0)
        {
            list.RemoveAt(index);
            list.Add(subscription);
            return (PushSubscribeOutcome.Updated, []);
        }

        // Kept in posting order, so the first are the least recently posted. More than one goes only when the limit was lowered.
        var excess = Math.Max(0, list.Count - limit + 1);
        var dropped = list.GetRange(0, excess);
        list.RemoveRange(0, excess);

        list.Add(subscription);
        return (PushSubscribeOutcome.Added, dropped);
    }

    /// <summary>Removes the subscription with this platform and endpoint or token; false when there is none.</summary>
    public static bool Remove(List<PushSubscription> list, PushPlatform platform, string address)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list.RemoveAll(s => s.SameAs(platform, address)) > 0;
    }
}

/// <summary>What <see cref="Orchestration.ICustomerGrain.SubscribePush"/> did: added or updated, the subscription as stored, and any dropped to stay within the limit.</summary>
[GenerateSerializer, Immutable]
[Alias("TriggerFlow.Runtime.PushSubscribeResult")]
public sealed record PushSubscribeResult(
    [property: Id(0)] PushSubscribeOutcome Outcome,
    [property: Id(1)] PushSubscription Subscription,
    [property: Id(2)] IReadOnlyList<PushSubscription> Dropped);
