using TriggerFlow.Language.Diagnostics;

namespace TriggerFlow.Language.Tests.Checking;

/// <summary>The main checks, with their exact messages, spans and hints pinned.</summary>
public sealed class RuleCheckerTests
{
    [Fact]
    public void A_valid_rule_reports_nothing()
    {
        var diagnostics = RulesFolder.CheckFile("""
            rule "cart-reminder"
              owner "growth"
              status test
              when added to cart where price > 20 and category in ["kids", "toys"]
              without checkout within 1h
              and segment parents and profile.country = "US" and event.quantity >= 2
              send email template "cart-reminder" with 10% offer
              at most 1 per 7d
              control 10%
              variant "ten-off" 50% with 10% offer
              variant "fifteen-off" 50% with 15% offer
              goal checkout within 3d
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void The_shared_rule_files_are_clean()
    {
        var diagnostics = Language.Checking.RuleChecker.Check(RulesFolder.Set());

        Assert.DoesNotContain(diagnostics, d => d.Path.EndsWith(".trigger", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_channel_points_at_the_word_and_suggests_the_closest()
    {
        var d = Assert.Single(RulesFolder.CheckFile("""
            rule "post-visit"
              when store visit
              send smss template "post-visit"
            """));

        Assert.Equal(("TF0102", "unknown channel `smss`", 3, 8, 4), (d.Code, d.Message, d.Span.Line, d.Span.Column, d.Span.Length));
        Assert.Equal("did you mean `sms`? channels are `email`, `sms`, `push`", d.Hint);
    }

    [Fact]
    public void An_unknown_event_spans_its_words()
    {
        var d = Single("rule \"r\"\n  when added to kart\n  send email template \"cart-reminder\"\n", "TF0100");

        Assert.Equal(("unknown event `added to kart`", 2, 8, "added to kart".Length), (d.Message, d.Span.Line, d.Span.Column, d.Span.Length));
        Assert.StartsWith("did you mean `added to cart`?", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_property_belongs_to_its_own_event()
    {
        var d = Single("rule \"r\"\n  when added to cart\n  without purchase where brnd = \"x\" within 1h\n  send email template \"cart-reminder\"\n", "TF0101");

        Assert.Equal(("event `purchase` has no property `brnd`", 3, 26), (d.Message, d.Span.Line, d.Span.Column));
        Assert.StartsWith("did you mean `brand`?", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_property_in_an_audience_belongs_to_the_signal()
    {
        var d = Single("rule \"r\"\n  when added to cart\n  and event.totl > 1\n  send email template \"cart-reminder\"\n", "TF0101");

        Assert.Equal("the signal event `added to cart` has no property `totl`", d.Message);
        Assert.Equal((3, 13, 4), (d.Span.Line, d.Span.Column, d.Span.Length));
    }

    [Fact]
    public void A_cap_per_property_counts_a_property_of_the_signal()
    {
        var d = Single("rule \"r\"\n  when added to cart\n  send email template \"cart-reminder\"\n  at most 1 per crat\n", "TF0101");

        Assert.StartsWith("did you mean `cart`?", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_trait_suggests_the_closest()
    {
        var d = Single("rule \"r\"\n  when added to cart\n  and profile.contry = \"US\"\n  send email template \"cart-reminder\"\n", "TF0106");

        Assert.Equal(("unknown profile trait `contry`", 15, 6), (d.Message, d.Span.Column, d.Span.Length));
        Assert.StartsWith("did you mean `country`?", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_segment_suggests_the_closest()
    {
        var d = Single("rule \"r\"\n  when added to cart\n  and segment parnets\n  send email template \"cart-reminder\"\n", "TF0104");

        Assert.Equal("unknown segment `parnets`", d.Message);
        Assert.StartsWith("did you mean `parents`?", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_template_suggests_the_closest()
    {
        var d = Single("rule \"r\"\n  when added to cart\n  send email template \"cart-remnider\"\n", "TF0103");

        Assert.Equal(("unknown template `cart-remnider`", 23), (d.Message, d.Span.Column));
        Assert.StartsWith("did you mean `cart-reminder`?", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_one_line_form_sends_the_template_named_like_its_file()
    {
        const string oneLiner = "when browsed category without purchase within 24h and segment back-to-school, send email with 10% offer";

        Assert.Empty(RulesFolder.CheckFile(oneLiner, "rules/back-to-school-browse.trigger"));
        var d = Assert.Single(RulesFolder.CheckFile(oneLiner));
        Assert.Equal("TF0103", d.Code);
        Assert.Equal("rule `welcome` names no template, and there is no template `welcome` to use by default", d.Message);
        Assert.Equal((1, 79, "send email".Length), (d.Span.Line, d.Span.Column, d.Span.Length));
        Assert.Contains("add `welcome` under `templates:` in rules/catalog.yaml, or name one: `send email template \"", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_must_be_made_for_the_channel()
    {
        var d = Single("rule \"r\"\n  when added to cart\n  send email template \"store-nearby\"\n", "TF0107");

        Assert.Equal("template `store-nearby` is not made for `email`; it is written for `push`", d.Message);
    }

    [Fact]
    public void A_variant_channel_must_suit_the_template()
    {
        var d = Single("rule \"r\"\n  when added to cart\n  send email template \"cart-reminder\"\n  variant \"a\" 50% via sms\n  variant \"b\" 50%\n", "TF0107");

        Assert.Equal((4, 23), (d.Span.Line, d.Span.Column));
    }

    [Fact]
    public void A_template_parameter_must_be_one_it_takes()
    {
        var d = Single("rule \"r\"\n  when added to cart\n  send email template \"bts-browse\" with tipz = \"x\"\n", "TF0108");

        Assert.Equal("template `bts-browse` has no parameter `tipz`", d.Message);
        Assert.Equal("did you mean `tips`? template `bts-browse` takes `offer`, `tips`, `recommendations`", d.Hint);
    }

    [Fact]
    public void Of_needs_an_event_with_a_subject()
    {
        var d = Single("rule \"r\"\n  when checkout of \"toys\"\n  send email template \"cart-reminder\"\n", "TF0109");

        Assert.Equal((2, 20, 6), (d.Span.Line, d.Span.Column, d.Span.Length));
    }

    [Fact]
    public void A_bare_property_in_an_audience_needs_a_scope()
    {
        var trait = Single("rule \"r\"\n  when added to cart\n  and lines >= 2\n  send email template \"cart-reminder\"\n", "TF0110");
        var signal = Single("rule \"r\"\n  when added to cart\n  and quantity >= 2\n  send email template \"cart-reminder\"\n", "TF0110");

        Assert.Equal("write `profile.lines`", trait.Hint);
        Assert.Equal("write `event.quantity`", signal.Hint);
    }

    [Fact]
    public void A_segment_cannot_read_the_signal()
    {
        var d = Single("segment big: event.price > 1\n", "TF0111");

        Assert.Equal((1, 14), (d.Span.Line, d.Span.Column));
    }

    [Theory]
    [InlineData("price = \"abc\"", "`price` is a number, but `\"abc\"` is text", "compare `price` with a number, such as `10`")]
    [InlineData("price = \"10\"", "`price` is a number, but `\"10\"` is text", "remove the quotes: `10`")]
    [InlineData("price > 10%", "`price` is a number, but `10%` is a percentage", "write the number without `%`: `10`")]
    [InlineData("category = 5", "`category` is text, but `5` is a number", "put the value in quotes: `\"5\"`")]
    [InlineData("category in [\"kids\", 5]", "`category` is text, but `5` is a number", "put the value in quotes: `\"5\"`")]
    [InlineData("category = 2026-01-01", "`category` is text, but `2026-01-01` is a date", "put the value in quotes: `\"2026-01-01\"`")]
    public void Values_must_have_the_property_type(string filter, string message, string hint)
    {
        var d = Single($"rule \"r\"\n  when viewed product where {filter}\n  send email template \"related-products\"\n", "TF0200");

        Assert.Equal((message, hint), (d.Message, d.Hint));
    }

    [Fact]
    public void A_date_trait_is_compared_with_a_date_not_text()
    {
        var d = Single("rule \"r\"\n  when viewed product\n  and profile.last_school_purchase >= \"2025-08-01\"\n  send email template \"related-products\"\n", "TF0200");

        Assert.Equal("remove the quotes: `2025-08-01`", d.Hint);
        Assert.Equal((3, 39, 12), (d.Span.Line, d.Span.Column, d.Span.Length));
    }

    [Theory]
    [InlineData("category > \"kids\"", 38, 1)]
    [InlineData("price contains \"1\"", 35, 8)]
    public void Operators_must_suit_the_type(string filter, int column, int length)
    {
        var d = Single($"rule \"r\"\n  when viewed product where {filter}\n  send email template \"related-products\"\n", "TF0201");

        Assert.Equal((2, column, length), (d.Span.Line, d.Span.Column, d.Span.Length));
    }

    [Fact]
    public void A_list_is_tested_with_contains()
    {
        var equal = Single("rule \"r\"\n  when viewed product\n  and profile.interests = \"x\"\n  send email template \"related-products\"\n", "TF0201");
        var inList = Single("rule \"r\"\n  when viewed product\n  and profile.interests in [\"x\"]\n  send email template \"related-products\"\n", "TF0201");

        Assert.Contains("profile.interests contains", equal.Hint, StringComparison.Ordinal);
        Assert.Contains("profile.interests contains", inList.Hint, StringComparison.Ordinal);
        Assert.Empty(RulesFolder.CheckFile("rule \"r\"\n  when viewed product\n  and profile.interests contains \"x\"\n  send email template \"related-products\"\n"));
    }

    private static Diagnostic Single(string text, string code)
    {
        var diagnostics = RulesFolder.CheckFile(text);
        var d = Assert.Single(diagnostics);
        Assert.Equal(code, d.Code);
        return d;
    }
}
