using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Tests.Support;

namespace TriggerFlow.Engine.Tests.Holds;

/// <summary>Quiet hours hold or drop a message in the customer's time zone, and release it when they end.</summary>
public sealed class QuietHoursTests
{
    private const string Nearby = """
        rule "nearby"
          status always-on
          priority 90
          when entered store area
          send push template "store-nearby"
          at most 1 per 1d
          quiet hours drop
        """;

    private const string Thanks = """
        rule "thanks"
          status always-on
          when ticket resolved
          send email template "ticket-resolved"
        """;

    private const string NightQuietHours = "quiet hours 21:00 to 08:00";

    [Fact]
    public void Quiet_hours_hold_a_message_until_morning_in_the_customers_time_zone()
    {
        var mary = new Customer(Rules.Compile(Thanks, NightQuietHours));
        mary.Profile("2026-07-10T00:00:00Z", ("time_zone", "America/New_York"));

        mary.Event("ticket resolved", "2026-07-11T02:00:00Z");
        mary.RunUntil("2026-07-12T00:00:00Z");

        Assert.Equal(SuppressionReason.QuietHoursHeld, Assert.Single(mary.Suppressions).Reason);
        Assert.Equal(Customer.At("2026-07-11T12:00:00Z"), Assert.Single(mary.Sends).At);
    }

    [Fact]
    public void Quiet_hours_release_follows_the_daylight_saving_change()
    {
        var mary = new Customer(Rules.Compile(Thanks, NightQuietHours));
        mary.Profile("2026-03-01T00:00:00Z", ("time_zone", "Europe/Paris"));

        // 29 March 2026: Paris moves from UTC+1 to UTC+2 at 02:00 local.
        mary.Event("ticket resolved", "2026-03-28T22:30:00Z");
        mary.RunUntil("2026-03-30T00:00:00Z");

        Assert.Equal(Customer.At("2026-03-29T06:00:00Z"), Assert.Single(mary.Sends).At);
    }

    [Theory]
    // 25 October 2026: Paris goes back from UTC+2 to UTC+1 at 03:00 local (01:00 UTC), so 02:00–03:00 local comes twice.
    [InlineData("2026-10-25T00:10:00Z", "2026-10-25T00:30:00Z")] // 02:10 in the first pass: released at the first 02:30
    [InlineData("2026-10-25T01:10:00Z", "2026-10-25T01:30:00Z")] // 02:10 in the second pass: the first 02:30 has gone
    public void A_release_in_a_repeated_hour_is_the_next_time_the_clock_reads_the_end(string held, string released)
    {
        var mary = new Customer(Rules.Compile(Thanks, "quiet hours 22:00 to 02:30"));
        mary.Profile("2026-10-01T00:00:00Z", ("time_zone", "Europe/Paris"));

        mary.Event("ticket resolved", held);
        mary.RunUntil("2026-10-26T00:00:00Z");

        Assert.Equal(Customer.At(held), Assert.Single(mary.Suppressions).At);
        Assert.Equal(Customer.At(released), Assert.Single(mary.Sends).At);
    }

    [Fact]
    public void A_drop_rule_loses_its_message_in_quiet_hours()
    {
        var plans = Rules.Compile(Nearby, "quiet hours 21:00 to 08:00");
        var mary = new Customer(plans);

        mary.Event("entered store area", "2026-07-10T22:00:00Z");
        mary.RunUntil("2026-07-12T00:00:00Z");

        Assert.Empty(mary.Sends);
        Assert.Equal(SuppressionReason.QuietHoursDropped, Assert.Single(mary.Suppressions).Reason);
    }
}
