using System.Text;
using FsCheck;
using FsCheck.Fluent;
using TriggerFlow.Testing;

namespace TriggerFlow.Language.Tests.Robustness;

/// <summary>Arbitrary text, from raw bytes to plausible token soup, never breaks the parser or the checker.</summary>
public sealed class RandomInputTests
{
    private static readonly string[] Tokens =
    [
        "rule", "segment", "channel", "when", "where", "without", "within", "then", "and", "or", "not", "since", "last",
        "of", "wait", "send", "with", "at", "most", "per", "ever", "owner", "status", "priority", "active", "from", "until",
        "quiet", "hours", "hold", "drop", "control", "variant", "via", "template", "goal", "minimum", "sample", "first",
        "latest", "signal", "offer", "in", "is", "set", "contains", "true", "false", "profile", "event",
        "browsed category", "viewed product", "purchase", "added to cart", "email", "sms", "push", "parents", "category",
        "profile.country", "event.price", "24h", "7d", "30 days", "10%", "50", "-3", "1.5", "2026-07-01", "08:00",
        "\"kids\"", "\"a\\\"b\"", "\"", "\\", "(", ")", "[", "]", ",", ":", ".", "=", "!=", "<=", ">=", "<", ">", "#",
        " ", "  ", "\n", "\r\n", "\t", "\0", "\u200F", "\uFEFF", "\uD800", "é",
    ];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 200)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Random_bytes_decoded_as_utf8_are_diagnosed_not_thrown(int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[random.Next(0, 4096)];
        random.NextBytes(bytes);

        await Pipeline.ParseAndCheck(Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Random_bytes_from_the_grammar_alphabet_are_diagnosed_not_thrown(int seed)
    {
        // Pure random bytes rarely get past the first token; bytes the grammar uses reach deeper.
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 \n\t\"\\()[],:.=<>!%#-_";
        var random = new Random(seed);
        var text = new string(Enumerable.Range(0, random.Next(0, 2048)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());

        await Pipeline.ParseAndCheck(text);
    }

    [Fact]
    public void Token_soup_is_diagnosed_not_thrown()
    {
        var soup = Gen.Elements(Tokens).ListOf().Select(tokens => string.Join(' ', tokens));

        Prop.ForAll(soup.ToArbitrary(), text => Pipeline.ParseAndCheck(text).GetAwaiter().GetResult())
            .Check(PropertyRuns.Config(seed: 20260701, cases: 500).WithEndSize(200));
    }
}
