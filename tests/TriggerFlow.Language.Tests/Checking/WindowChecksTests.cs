using static TriggerFlow.Language.Tests.Checking.CheckAssert;

namespace TriggerFlow.Language.Tests.Checking;

public sealed class WindowChecksTests
{
    [Theory]
    [InlineData("  without checkout within 0h\n")]
    [InlineData("  then checkout within 0m\n")]
    [InlineData("  wait 0s\n")]
    [InlineData("  goal checkout within 0d\n")]
    [InlineData("  at most 1 per 0d\n")]
    [InlineData("  within 0d of first purchase\n")]
    public void Durations_must_be_positive(string clause)
    {
        var d = Single(Rule(clause), "TF0300");

        Assert.EndsWith("never passes", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recency_signal_must_be_positive()
    {
        Single("rule \"r\"\n  when 0d since last purchase\n  send email template \"resupply-reminder\"\n", "TF0300");
    }

    [Fact]
    public void A_window_longer_than_the_active_period_is_a_warning()
    {
        var d = Single(Rule("  active from 2026-07-01 until 2026-07-03\n  without checkout within 4d\n"), "TF0301");

        Assert.Equal("`4d` is longer than the rule's active period of 3 days (2026-07-01 to 2026-07-03)", d.Message);
        Assert.False(d.IsError);
    }

    [Fact]
    public void A_window_as_long_as_the_active_period_fits_because_until_is_inclusive()
    {
        Assert.Empty(RulesFolder.CheckFile(Rule("  active from 2026-07-01 until 2026-07-03\n  without checkout within 3d\n")));
    }

    [Fact]
    public void An_active_period_that_ends_before_it_starts_points_at_until()
    {
        var d = Single(Rule("  active from 2026-09-01 until 2026-07-01\n"), "TF0302");

        Assert.Equal(("the active period ends on 2026-07-01, before it starts on 2026-09-01", 4, 32), (d.Message, d.Span.Line, d.Span.Column));
    }

    [Theory]
    [InlineData("  without checkout within 366d\n")]
    [InlineData("  within 53w of first purchase\n")]
    public void Windows_over_a_year_are_a_warning(string clause)
    {
        var d = Single(Rule(clause), "TF0303");

        Assert.False(d.IsError);
    }

    [Fact]
    public void A_cap_of_zero_is_reported_at_the_count()
    {
        var d = Single(Rule("  at most 0 per 7d\n"), "TF0304");

        Assert.Equal((4, 11, 1), (d.Span.Line, d.Span.Column, d.Span.Length));
    }

    [Fact]
    public void Quiet_hours_that_start_when_they_end_are_reported()
    {
        var d = Single(Rule("  quiet hours 08:00 to 08:00 hold\n"), "TF0305");

        Assert.Equal((4, 15, "08:00 to 08:00".Length), (d.Span.Line, d.Span.Column, d.Span.Length));
    }
}
