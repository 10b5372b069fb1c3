using System.ComponentModel.DataAnnotations;

namespace TriggerFlow.Runtime.Contacts;

/// <summary>
/// Settings of the customers' contact points, bound from <c>TriggerFlow:Contacts</c> in host.json
/// or the environment (<c>TriggerFlow__Contacts__MaxPushSubscriptionsPerCustomer</c>, …).
/// </summary>
public sealed class ContactsOptions
{
    public const string Section = "TriggerFlow:Contacts";

    /// <summary>
    /// Push subscriptions kept per customer (browsers and devices together); posting one more drops
    /// the least recently posted. Default 20.
    /// </summary>
    [Range(1, 1_000)]
    public int MaxPushSubscriptionsPerCustomer { get; set; } = 20;

    /// <summary>Largest push subscription body accepted, in bytes; a real one is well under 1 KB. Default 16 KB.</summary>
    [Range(1_024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 16 * 1024;
}
