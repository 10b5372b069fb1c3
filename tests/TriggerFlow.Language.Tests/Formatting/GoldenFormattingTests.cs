using TriggerFlow.Language.Formatting;

namespace TriggerFlow.Language.Tests.Formatting;

/// <summary>Input and the exact canonical text <c>fmt</c> prints for it, one case per tricky corner.</summary>
public sealed class GoldenFormattingTests
{
    private const string Header = """
        rule "g"
          owner "o"
          status test
          priority 1
        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "keywords in lower case, names as written, long durations shortened",
            """RULE "g" OWNER "o" Status Test PRIORITY 001 WHEN 30 Days SINCE LAST Bought Item OF "paste" WAIT 2 hours SEND Email""",
            Header + """

              when 30d since last Bought Item of "paste"
              wait 2h
              send Email
            """
        },
        {
            "a bare word rule name is quoted",
            "rule bare-word\n  owner \"o\"\n  status test\n  priority 1\n",
            Header.Replace("\"g\"", "\"bare-word\"", StringComparison.Ordinal)
        },
        {
            "strings re-escaped",
            Header + "\n  send email template \"a\\u0041\\\"b\\\\\\u0001\\te\\u00e9\"",
            Header + "\n  send email template \"aA\\\"b\\\\\\u0001\\te\u00e9\""
        },
        {
            "numbers and percentages lose trailing zeros",
            Header + "\n  when viewed product where price >= 10.50 and stock < -3.000\n  control 10.0%\n  minimum sample 0100",
            Header + "\n  when viewed product where price >= 10.5 and stock < -3\n  control 10%\n  minimum sample 100"
        },
        {
            "parentheses only where the tree needs them",
            "segment s: ((a = 1 and b = 2)) or (c = 3)\nsegment t: a = 1 and (b = 2 or c = 3)\nsegment u: a = 1 or (b = 2 or c = 3)\nsegment v: (a = 1 or b = 2) or c = 3\nsegment w: not (a is set) and not (a = 1 and b not in [1, 2])\nsegment x: a = 1 and (b = 2 and c = 3)\nsegment y: not not (segment p)",
            "segment s: a = 1 and b = 2 or c = 3\n\nsegment t: a = 1 and (b = 2 or c = 3)\n\nsegment u: a = 1 or (b = 2 or c = 3)\n\nsegment v: a = 1 or b = 2 or c = 3\n\nsegment w: not a is set and not (a = 1 and b not in [1, 2])\n\nsegment x: a = 1 and (b = 2 and c = 3)\n\nsegment y: not not segment p"
        },
        {
            "an or audience is parenthesised after and",
            Header + "\n  and segment a or profile.vip = true",
            Header + "\n  and (segment a or profile.vip = true)"
        },
        {
            "audiences split by other clauses are joined",
            Header + "\n  and segment a\n  send email\n  and segment b or segment c",
            Header + "\n  and segment a and (segment b or segment c)\n  send email"
        },
        {
            "a comma keeps a bare-property audience out of the filter before it",
            Header + "\n  and price > 10\n  when viewed product where category = \"kids\"\n  send push",
            Header + "\n  when viewed product where category = \"kids\",\n  and price > 10\n  send push"
        },
        {
            "no comma when the audience cannot be read into the filter",
            Header + "\n  and segment parents\n  when viewed product where category = \"kids\"",
            Header + "\n  when viewed product where category = \"kids\"\n  and segment parents"
        },
        {
            "defaults left out: latest signal, hold after a time range",
            Header + "\n  without purchase within 1 day from latest signal\n  without visit within 2d from FIRST signal\n  quiet hours 22:00 to 7:00 hold",
            Header + "\n  without purchase within 1d\n  without visit within 2d from first signal\n  quiet hours 22:00 to 07:00"
        },
        {
            "quiet hours without a range keep their policy",
            Header + "\n  quiet hours hold\n  quiet hours drop\n  quiet hours 1:00 to 2:00 drop",
            Header + "\n  quiet hours hold\n  quiet hours drop\n  quiet hours 01:00 to 02:00 drop"
        },
        {
            "parameters: the offer first-class, others name = value",
            Header + "\n  send email with offer = 10% and coupon=\"BTS10\"\n  variant \"b\" 50% via sms template \"t\" wait 2 hours with 15% offer",
            Header + "\n  send email with 10% offer and coupon = \"BTS10\"\n  variant \"b\" 50% via sms template \"t\" wait 2h with 15% offer"
        },
        {
            "channel caps on one line, declarations a blank line apart",
            "quiet hours 21:00 to 8:00\n\n\n\nchannel email at most 1 per 1 day\n    and at most 3 per 7 days and at most 9 ever\nchannel sms at most 1 per cart",
            "quiet hours 21:00 to 08:00\n\nchannel email at most 1 per 1d and at most 3 per 7d and at most 9 ever\n\nchannel sms at most 1 per cart"
        },
        {
            "every clause kind in canonical order",
            "rule \"all\"\n minimum sample 10\n goal purchase within 7d\n variant \"a\" 50%\n control 10%\n quiet hours drop\n at most 1 per 7d\n send email\n and segment p\n wait 1h\n within 90d of first purchase\n without purchase within 1d\n then added to cart within 1h\n when viewed product\n active from 2026-07-01 until 2026-09-15\n priority 5\n status paused\n owner \"me\"",
            "rule \"all\"\n  owner \"me\"\n  status paused\n  priority 5\n  active from 2026-07-01 until 2026-09-15\n  when viewed product\n  then added to cart within 1h\n  without purchase within 1d\n  within 90d of first purchase\n  wait 1h\n  and segment p\n  send email\n  at most 1 per 7d\n  quiet hours drop\n  control 10%\n  variant \"a\" 50%\n  goal purchase within 7d\n  minimum sample 10"
        },
        {
            "blank lines inside a rule are dropped, comments at the end kept",
            Header + "\n\n\n  send email\n\n# the end\n#\n",
            Header + "\n  send email\n\n# the end\n#"
        },
        {
            "an unknown status is kept as written for the checker",
            "rule \"g\"\n  owner \"o\"\n  status Drafty\n  priority 1",
            "rule \"g\"\n  owner \"o\"\n  status Drafty\n  priority 1"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Formats_to_the_canonical_text(string name, string input, string expected)
    {
        Assert.True(RuleFormatter.TryFormat("golden.trigger", input, out var formatted, out var diagnostics), name + ": " + string.Join("\n", diagnostics));

        Assert.Equal(expected.ReplaceLineEndings("\n") + "\n", formatted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n")]
    public void An_empty_file_stays_empty(string input)
    {
        Assert.True(RuleFormatter.TryFormat("empty.trigger", input, out var formatted, out _));

        Assert.Equal("", formatted);
    }

    [Fact]
    public void A_file_of_comments_keeps_them()
    {
        Assert.True(RuleFormatter.TryFormat("notes.trigger", "  #one\n\n# two  \r\n", out var formatted, out _));

        Assert.Equal("# one\n# two\n", formatted);
    }
}
