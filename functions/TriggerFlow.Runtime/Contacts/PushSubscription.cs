namespace TriggerFlow.Runtime.Contacts;

/// <summary>Where a push message goes: a browser's push service, or a mobile platform's.</summary>
public enum PushPlatform
{
    /// <summary>A browser <c>PushSubscription</c> (Web Push, RFC 8030 with RFC 8291 encryption).</summary>
    Web,

    /// <summary>A Firebase Cloud Messaging registration token (Android, and iOS through FCM).</summary>
    Fcm,

    /// <summary>An Apple Push Notification service device token (hex).</summary>
    Apns,
}

/// <summary>
/// One validated push subscription of a customer, kept with the customer's grain state so that
/// delivery can read it. A web subscription is identified by its endpoint, a mobile one by its
/// platform and token: posting the same one again updates it instead of adding a second.
/// </summary>
/// <param name="Platform">Web, FCM or APNs.</param>
/// <param name="Address">The push service endpoint URL (web) or the device token (mobile).</param>
/// <param name="P256dh">Web only: the browser's P-256 public key, unpadded base64url of the 65-byte uncompressed point.</param>
/// <param name="Auth">Web only: the 16-byte authentication secret, unpadded base64url.</param>
/// <param name="ExpiresAt">Web only: when the browser said the subscription expires (<c>expirationTime</c>); null when it did not say.</param>
/// <param name="SubscribedAt">When it was last posted; the oldest is dropped when a customer has too many.</param>
[GenerateSerializer, Immutable]
[Alias("TriggerFlow.Runtime.PushSubscription")]
public sealed record PushSubscription(
    [property: Id(0)] PushPlatform Platform,
    [property: Id(1)] string Address,
    [property: Id(2)] string? P256dh,
    [property: Id(3)] string? Auth,
    [property: Id(4)] DateTimeOffset? ExpiresAt,
    [property: Id(5)] DateTimeOffset SubscribedAt)
{
    /// <summary>Whether this is the subscription with <paramref name="platform"/> and <paramref name="address"/> (endpoint or token).</summary>
    public bool SameAs(PushPlatform platform, string address) =>
        Platform == platform && string.Equals(Address, address, StringComparison.Ordinal);
}
