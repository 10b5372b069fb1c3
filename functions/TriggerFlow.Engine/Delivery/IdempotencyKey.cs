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
        // Encoded on the stack when it fits: this runs for every message composed.
        var text = string.Join('\n', customerId, rule, windowId, channel);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = length <= 512 ? stackalloc byte[512] : new byte[length];
        SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(text, bytes)], hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
