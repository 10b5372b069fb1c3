using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Tests.Support;

namespace TriggerFlow.Engine.Tests.SendGates;

/// <summary>A rule's caps count its firings: a rule that sends by two channels is one message of the rule, not two.</summary>
public sealed class MultiChannelCapTests
{
    private const string TwoChannels = """
        rule "delay"
          status always-on
          when flight delayed
          send email template "flight-delay-hotel" with recipient = "hotel_email"
          send sms template "flight-delay-traveller"
          {0}
        """;

    [Theory]
    [InlineData("at most 1 per flight")]
    [InlineData("at most 1 per 1d")]
    [InlineData("at most 1 ever")]
    public void Both_sends_of_one_firing_go_out_under_a_cap_of_one(string cap)
    {
        var mary = new Customer(Rules.Compile(TwoChannels.Replace("{0}", cap, StringComparison.Ordinal)));

        mary.Event("flight delayed", "2026-07-10T14:00:00Z", ("flight", "AF123"));

        Assert.Equal(["email", "sms"], mary.Sends.Select(s => s.Channel).Order());
        Assert.Empty(mary.Suppressions);
    }

    [Fact]
    public void The_next_firing_is_capped_on_every_channel()
    {
        var mary = new Customer(Rules.Compile(TwoChannels.Replace("{0}", "at most 1 per flight", StringComparison.Ordinal)));

        mary.Event("flight delayed", "2026-07-10T14:00:00Z", ("flight", "AF123"));
        mary.Event("flight delayed", "2026-07-10T15:00:00Z", ("flight", "AF123"));

        Assert.Equal(2, mary.Sends.Count());
        Assert.Equal(2, mary.Suppressions.Count(s => s.Reason == SuppressionReason.FrequencyCap));
    }

    [Fact]
    public void A_window_cap_counts_firings_not_messages()
    {
        var mary = new Customer(Rules.Compile(TwoChannels.Replace("{0}", "at most 2 per 7d", StringComparison.Ordinal)));

        mary.Event("flight delayed", "2026-07-10T14:00:00Z", ("flight", "AF1"));
        mary.Event("flight delayed", "2026-07-11T14:00:00Z", ("flight", "AF2"));
        mary.Event("flight delayed", "2026-07-12T14:00:00Z", ("flight", "AF3"));

        Assert.Equal(4, mary.Sends.Count());
        Assert.Equal(2, mary.Suppressions.Count(s => s.Reason == SuppressionReason.FrequencyCap));
    }
}
