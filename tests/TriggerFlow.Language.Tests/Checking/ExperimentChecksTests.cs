using static TriggerFlow.Language.Tests.Checking.CheckAssert;

namespace TriggerFlow.Language.Tests.Checking;

public sealed class ExperimentChecksTests
{
    [Fact]
    public void Variant_weights_must_add_up_to_100()
    {
        var d = Single(Rule("  variant \"a\" 50%\n  variant \"b\" 40%\n"), "TF0400");

        Assert.Equal("the variant weights add up to 90%, not 100%", d.Message);
        Assert.Equal("make them add up to 100%, for instance by giving `b` 50%", d.Hint);
        Assert.Equal((5, 15), (d.Span.Line, d.Span.Column));
    }

    [Fact]
    public void A_rule_without_variants_has_no_weights_to_add()
    {
        Assert.Empty(RulesFolder.CheckFile(Rule("  control 10%\n")));
    }

    [Fact]
    public void A_control_group_over_half_is_reported()
    {
        var d = Single(Rule("  control 60%\n"), "TF0401");

        Assert.Equal("a control group of 60% holds back too many customers", d.Message);
    }

    [Fact]
    public void A_test_needs_a_goal()
    {
        var d = Single(Rule("  status test\n  control 10%\n"), "TF0402");

        Assert.Equal((4, 10, 4), (d.Span.Line, d.Span.Column, d.Span.Length));
    }

    [Fact]
    public void A_test_without_control_is_a_warning()
    {
        var d = Single(Rule("  status test\n  goal checkout within 3d\n"), "TF0406");

        Assert.False(d.IsError);
    }

    [Fact]
    public void An_always_on_rule_names_its_losing_arms_and_how_to_promote()
    {
        var d = Single(Rule("  status always-on\n  control 10%\n  variant \"ten-off\" 40%\n  variant \"fifteen-off\" 60%\n"), "TF0403");

        Assert.Equal("rule `r` is always-on but still splits its traffic: `ten-off` and a 10% control group would go on getting customers", d.Message);
        Assert.StartsWith("to promote `fifteen-off`, move its channel, template and parameters onto `send`", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_always_on_rule_with_one_variant_and_no_control_is_fine()
    {
        Assert.Empty(RulesFolder.CheckFile(Rule("  status always-on\n  variant \"winner\" 100%\n")));
    }

    [Fact]
    public void Variant_names_are_unique()
    {
        var d = Single(Rule("  variant \"a\" 50%\n  variant \"a\" 50%\n"), "TF0404");

        Assert.Equal(("variant `a` is already defined on line 4", 5, 11), (d.Message, d.Span.Line, d.Span.Column));
    }

    [Fact]
    public void An_offer_over_100_percent_is_reported()
    {
        var d = Single(Rule("  send email template \"cart-reminder\" with 150% offer\n"), "TF0405");

        Assert.Equal("150% is more than 100%", d.Message);
    }
}
