using FsCheck;
using FsCheck.Fluent;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Testing;

namespace TriggerFlow.Language.Tests.Parsing;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("sned", "send")]
    [InlineData("wen", "when")]
    [InlineData("WIHTOUT", "without")]
    [InlineData("priorty", "priority")]
    [InlineData("xyz", null)]
    [InlineData("send", null)]
    [InlineData("", null)]
    public void Closest_suggests_the_nearest_word_within_a_third_of_its_length(string word, string? expected)
    {
        Assert.Equal(expected, Suggestions.Closest(word, Lexical.ClauseStarters.Words));
    }

    [Fact]
    public void Distance_agrees_with_the_full_table_up_to_the_limit()
    {
        var words = Gen.Elements("a", "b", "A", "c", "ab", "ba").ListOf().Select(parts => string.Concat(parts));
        var cases =
            from a in words
            from b in words
            from limit in Gen.Choose(1, 3)
            select (A: a, B: b, Limit: limit);

        Prop.ForAll(cases.ToArbitrary(), c => Suggestions.Distance(c.A, c.B, c.Limit) == Math.Min(FullTable(c.A, c.B), c.Limit + 1))
            .Check(PropertyRuns.Config(seed: 20261207, cases: 2000).WithEndSize(12));
    }

    [Fact]
    public void Distance_handles_words_longer_than_the_stack_buffer()
    {
        var a = new string('a', 100);

        Assert.Equal(1, Suggestions.Distance(a, a + "b", 3));
        Assert.Equal(4, Suggestions.Distance(a, new string('b', 100), 3));
    }

    /// <summary>Optimal string alignment distance over the whole table, ignoring case: the definition the fast form must keep.</summary>
    private static int FullTable(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
