namespace TriggerFlow.Runtime.Contacts;

/// <summary>
/// A push subscription as the API shows it, in the shape it was posted: a browser's with
/// <c>endpoint</c>, <c>expirationTime</c> and <c>keys</c>, a mobile one with <c>token</c>.
/// </summary>
/// <param name="Platform"><c>web</c>, <c>fcm</c> or <c>apns</c>.</param>
/// <param name="Endpoint">Web: the push service URL.</param>
/// <param name="ExpirationTime">Web: milliseconds since 1970 when the browser said it expires, else null.</param>
/// <param name="Keys">Web: the browser's public key and authentication secret (base64url).</param>
/// <param name="Token">Mobile: the device token.</param>
/// <param name="SubscribedAt">When it was last posted.</param>
public sealed record PushSubscriptionView(
    string Platform,
    string? Endpoint,
    long? ExpirationTime,
    PushSubscriptionKeys? Keys,
    string? Token,
    DateTimeOffset SubscribedAt)
{
    public static PushSubscriptionView From(PushSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var web = subscription.Platform == PushPlatform.Web;
        return new PushSubscriptionView(
            subscription.Platform.ToString().ToLowerInvariant(),
            web ? subscription.Address : null,
            subscription.ExpiresAt?.ToUnixTimeMilliseconds(),
            web ? new PushSubscriptionKeys(subscription.P256dh!, subscription.Auth!) : null,
            web ? null : subscription.Address,
            subscription.SubscribedAt);
    }
}

/// <summary>A browser subscription's keys, as in its <c>PushSubscription.toJSON()</c>.</summary>
public sealed record PushSubscriptionKeys(string P256dh, string Auth);

/// <summary>The answer to a posted subscription.</summary>
/// <param name="CustomerId">Whose subscription it is.</param>
/// <param name="Outcome"><c>added</c> (201) or <c>updated</c> (200: the same endpoint or token was there; its keys and time are refreshed).</param>
/// <param name="Subscription">The subscription as stored.</param>
/// <param name="Dropped">Subscriptions dropped to stay within <c>MaxPushSubscriptionsPerCustomer</c>, least recently posted first; usually empty.</param>
public sealed record PushSubscriptionAnswer(string CustomerId, string Outcome, PushSubscriptionView Subscription, IReadOnlyList<PushSubscriptionView> Dropped);
