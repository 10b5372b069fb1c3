using System.Security.Cryptography;
using System.Text;

namespace TriggerFlow.Engine.Firing;

/// <summary>
/// The key that makes a message unique: one per (customer, rule, window, channel). Hashed, so the
/// customer id (often an e-mail address) never travels in outbound payloads or logs.
/// </summary>
internal static class IdempotencyKey
{
    public static string For(string customerId, string rule, string windowId, string channel)
    {
        // The parts, joined by newlines, are encoded on the stack when they fit: this runs for every message sent.
        ReadOnlySpan<string> parts = [customerId, rule, windowId, channel];
        var length = parts.Length - 1;
        foreach (var part in parts)
        {
            length += Encoding.UTF8.GetMaxByteCount(part.Length);
        }

        Span<byte> bytes = length <= 512 ? stackalloc byte[512] : new byte[length];
        var written = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                bytes[written++] = (byte)'\n';
            }

            written += Encoding.UTF8.GetBytes(parts[i], bytes[written..]);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..written], hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
