using TriggerFlow.Language.Checking;
using TriggerFlow.Language.Workspace;
using static TriggerFlow.Language.Tests.Checking.CheckAssert;

namespace TriggerFlow.Language.Tests.Checking;

/// <summary>Checks across files: names, segments and governance.</summary>
public sealed class RuleSetChecksTests
{
    private const string CartReminder = "rule \"cart-reminder\"\n  when added to cart\n  send email template \"cart-reminder\"\n";

    [Fact]
    public void A_rule_name_used_in_two_files_is_reported_at_the_second_with_the_first_location()
    {
        var set = RulesFolder.Set(new SourceFile("rules/a.trigger", "\n" + CartReminder), new SourceFile("rules/b.trigger", CartReminder));

        var d = Assert.Single(RuleChecker.Check(set), d => d.Path.StartsWith("rules/b", StringComparison.Ordinal));
        Assert.Equal(("TF0500", "rule `cart-reminder` is already defined at rules/a.trigger:2", 1), (d.Code, d.Message, d.Span.Line));
    }

    [Theory]
    [InlineData("rule \"x\"\n  when purchase\n  send email template \"cart-reminder\"\n", "TF0500")]
    [InlineData("segment x: profile.lines > 1\n", "TF0501")]
    [InlineData("channel email at most 1 per 1d\n", "TF0503")]
    [InlineData("quiet hours 22:00 to 07:00\n", "TF0504")]
    public void A_name_declared_in_two_files_names_the_first_file_as_related(string text, string code)
    {
        var set = RulesFolder.Set(new SourceFile("rules/a-first.trigger", text), new SourceFile("rules/a-second.trigger", text));

        var d = Assert.Single(RuleChecker.Check(set), d => d.Code == code && d.Path == "rules/a-second.trigger");

        Assert.Contains("rules/a-first.trigger", d.RelatedPaths);
        Assert.DoesNotContain(d.Path, d.RelatedPaths);
    }

    [Fact]
    public void A_segment_loop_across_files_names_every_file_on_the_loop()
    {
        var set = RulesFolder.Set(
            new SourceFile("rules/x.trigger", "segment x: segment y\n"),
            new SourceFile("rules/y.trigger", "segment y: segment z\n"),
            new SourceFile("rules/z.trigger", "segment z: segment x\n"));

        var d = Assert.Single(RuleChecker.Check(set), d => d.Code == "TF0502");

        Assert.Equal(["rules/x.trigger", "rules/y.trigger", "rules/z.trigger"], d.RelatedPaths.Append(d.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_problem_within_one_file_has_no_related_files()
    {
        var d = Single("segment a: segment a\n", "TF0502");

        Assert.Empty(d.RelatedPaths);
    }

    [Fact]
    public void A_segment_defined_twice_is_reported_with_the_first_location()
    {
        var d = Single("segment parents: profile.has_children = true\n", "TF0501");

        Assert.StartsWith("segment `parents` is already defined at rules/segments.trigger:", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_segment_loop_is_reported_where_it_closes()
    {
        var d = Single("segment a: segment b\nsegment b: segment c\nsegment c: segment a\n", "TF0502");

        Assert.Equal(("segment `c` is part of a loop: `a` → `b` → `c` → `a`", 3, 20), (d.Message, d.Span.Line, d.Span.Column));
    }

    [Fact]
    public void A_segment_that_names_itself_is_reported()
    {
        var d = Single("segment a: segment a or profile.lines > 1\n", "TF0502");

        Assert.Equal("segment `a` refers to itself", d.Message);
    }

    [Fact]
    public void Channel_caps_declared_twice_are_reported()
    {
        var d = Single("channel sms at most 1 per 1d\n", "TF0503");

        Assert.StartsWith("caps for channel `sms` are already declared at rules/governance.trigger:", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_quiet_hours_declared_twice_are_reported()
    {
        Single("quiet hours 22:00 to 07:00\n", "TF0504");
    }

    [Fact]
    public void A_rule_cap_looser_than_the_channel_caps_can_never_be_reached()
    {
        var d = Single(Rule("  at most 5 per 1d\n"), "TF0600");

        Assert.Equal("`at most 5 per 1d` can never be reached: the channel caps let this rule send at most 1 per 1d by `email`", d.Message);
        Assert.False(d.IsError);
    }

    [Theory]
    [InlineData("  at most 1 per 1d\n")]
    [InlineData("  at most 3 per 7d\n")]
    [InlineData("  at most 1 per cart\n")]
    [InlineData("  at most 9 ever\n")]
    public void A_rule_cap_the_channel_caps_allow_is_fine(string cap)
    {
        Assert.Empty(RulesFolder.CheckFile(Rule(cap)));
    }

    [Fact]
    public void A_rule_cap_over_a_longer_window_counts_every_channel_window_in_it()
    {
        // Email allows 1 a day and 3 a week: in 14 days, 3 × 2 = 6.
        Assert.Empty(RulesFolder.CheckFile(Rule("  at most 6 per 14d\n")));
        Single(Rule("  at most 7 per 14d\n"), "TF0600");
    }

    [Fact]
    public void A_rule_sending_by_two_channels_may_reach_their_sum()
    {
        var both = "rule \"r\"\n  when added to cart\n  send email template \"cart-reminder\"\n  send push template \"cart-reminder\"\n";

        Assert.Empty(RulesFolder.CheckFile(both + "  at most 3 per 1d\n"));
        Single(both + "  at most 4 per 1d\n", "TF0600");
    }

    [Fact]
    public void A_channel_cap_must_count_over_a_duration_and_name_a_catalog_channel()
    {
        var diagnostics = RulesFolder.CheckFile("channel fax at most 1 per cart\n");

        Assert.Equal(["TF0102", "TF0601"], diagnostics.Select(d => d.Code));
        Assert.Equal((1, 23, "per cart".Length), (diagnostics[1].Span.Line, diagnostics[1].Span.Column, diagnostics[1].Span.Length));
    }
}
