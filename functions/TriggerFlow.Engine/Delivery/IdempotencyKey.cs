using System.Security.Cryptography;
using System.Text;

namespace TriggerFlow.Engine.Delivery;

/// <summary>
/// The key that makes a message unique: one per (customer, rule, window, channel). Hashed, so the
/// customer id (often an e-mail address) never travels in outbound payloads or logs.
/// </summary>
internal static class IdempotencyKey
{
    public static string For(string customerId, string rule, string windowId, string channel)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', customerId, rule, windowId, channel)));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }
}
