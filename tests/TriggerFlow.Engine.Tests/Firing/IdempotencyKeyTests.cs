using System.Security.Cryptography;
using System.Text;
using TriggerFlow.Engine.Firing;

namespace TriggerFlow.Engine.Tests.Firing;

/// <summary>Keys already stored in outboxes and ledgers must not change: the key is SHA-256 of the parts joined by newlines.</summary>
public sealed class IdempotencyKeyTests
{
    [Theory]
    [InlineData("mary@example.com", "bts-browse", "bts-browse@1782896400000/e1", "email")]
    [InlineData("ünïcødé ✓", "rule", "rule@0/m", "sms")]
    [InlineData("", "", "", "")]
    public void The_key_is_the_hash_of_the_parts_joined_by_newlines(string customer, string rule, string window, string channel) =>
        Assert.Equal(Expected(customer, rule, window, channel), IdempotencyKey.For(customer, rule, window, channel));

    [Fact]
    public void Parts_too_long_for_the_stack_give_the_same_key()
    {
        var window = new string('w', 600) + "✓";

        Assert.Equal(Expected("c", "r", window, "push"), IdempotencyKey.For("c", "r", window, "push"));
    }

    [Fact]
    public void A_known_key_stays_the_same() =>
        // SHA-256 of "c1\ncart\ncart@0/e1\nemail", first 16 bytes, computed outside .NET.
        Assert.Equal("63130946a2faedc7e9db320cc1e416cf", IdempotencyKey.For("c1", "cart", "cart@0/e1", "email"));

    private static string Expected(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)))[..16]);
}
