using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace TriggerFlow.Runtime.Tests.Contacts;

/// <summary>Real subscription material, made the way a browser makes it: a fresh P-256 key pair and a random 16-byte secret.</summary>
internal static class PushKeys
{
    public static byte[] NewPublicKey()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    public static string NewP256dh() => Base64Url.EncodeToString(NewPublicKey());

    public static string NewAuth() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>A browser's <c>subscription.toJSON()</c>.</summary>
    public static JsonObject WebSubscription(string endpoint, string? p256dh = null, string? auth = null) => new()
    {
        ["endpoint"] = endpoint,
        ["expirationTime"] = null,
        ["keys"] = new JsonObject { ["p256dh"] = p256dh ?? NewP256dh(), ["auth"] = auth ?? NewAuth() },
    };
}
