using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Tests.Support;

namespace TriggerFlow.Engine.Tests.Windows;

public sealed class SequenceAndTimingTests
{
    [Fact]
    public void A_presence_sequence_fires_when_every_step_happens_in_time()
    {
        var plans = Rules.Compile("""
            rule "view-then-cart"
              status always-on
              when viewed product
              then added to cart within 1h
              without checkout within 1h
              send email template "cart-reminder"
            """);
        var mary = new Customer(plans);

        mary.Event("viewed product", "2026-07-10T09:00:00Z");
        mary.Event("added to cart", "2026-07-10T09:30:00Z", ("cart", "c1"));
        mary.RunUntil("2026-07-11T00:00:00Z");

        Assert.Equal(Customer.At("2026-07-10T10:30:00Z"), Assert.Single(mary.Sends).At);
    }

    [Fact]
    public void A_sequence_step_that_does_not_happen_in_time_expires_the_window()
    {
        var plans = Rules.Compile("""
            rule "view-then-cart"
              status always-on
              when viewed product
              then added to cart within 1h
              send email template "cart-reminder"
            """);
        var mary = new Customer(plans);

        mary.Event("viewed product", "2026-07-10T09:00:00Z");
        mary.Event("added to cart", "2026-07-10T10:00:00Z");
        mary.RunUntil("2026-07-11T00:00:00Z");

        Assert.Empty(mary.Sends);
        Assert.Contains(mary.Decisions, d => d is WindowClosed { Reason: CloseReason.Expired });
    }

    [Fact]
    public void A_fixed_wait_delays_the_send()
    {
        var plans = Rules.Compile("""
            rule "thanks"
              status always-on
              when ticket resolved
              wait 2h
              send email template "ticket-resolved"
            """);
        var mary = new Customer(plans);

        mary.Event("ticket resolved", "2026-07-10T09:00:00Z");
        Assert.Empty(mary.Sends);
        mary.RunUntil("2026-07-10T12:00:00Z");

        Assert.Equal(Customer.At("2026-07-10T11:00:00Z"), Assert.Single(mary.Sends).At);
    }

    [Fact]
    public void A_rule_with_no_window_sends_at_the_signal()
    {
        var plans = Rules.Compile("""
            rule "nearby"
              status always-on
              when entered store area
              send push template "store-nearby"
            """);
        var mary = new Customer(plans);

        mary.Event("entered store area", "2026-07-10T12:00:00Z", ("store", "s1"));

        Assert.Equal(Customer.At("2026-07-10T12:00:00Z"), Assert.Single(mary.Sends).At);
    }

    [Fact]
    public void A_recency_signal_fires_after_the_latest_matching_purchase()
    {
        var plans = Rules.Compile("""
            rule "resupply"
              status always-on
              when 30d since last purchase of "toothpaste"
              send email template "resupply-reminder"
            """);
        var mary = new Customer(plans);

        mary.Event("purchase", "2026-06-01T10:00:00Z", ("category", "toothpaste"));
        mary.Event("purchase", "2026-06-20T10:00:00Z", ("category", "toothpaste"));
        mary.Event("purchase", "2026-06-25T10:00:00Z", ("category", "mouthwash"));
        mary.RunUntil("2026-08-01T00:00:00Z");

        Assert.Equal(Customer.At("2026-07-20T10:00:00Z"), Assert.Single(mary.Sends).At);
    }

    [Fact]
    public void Tenure_limits_a_rule_to_the_first_days_after_the_first_purchase()
    {
        var plans = Rules.Compile("""
            rule "first-90"
              status always-on
              when purchase where location = "store"
              within 90d of first purchase
              send email template "first-90-days-online"
            """);
        var mary = new Customer(plans);

        mary.Event("purchase", "2026-01-01T10:00:00Z", ("location", "store"));
        mary.Event("purchase", "2026-04-05T10:00:00Z", ("location", "store"));

        Assert.Single(mary.Sends);
        Assert.Contains(mary.Suppressions, s => s.Reason == SuppressionReason.OutsideTenure);
    }

    [Fact]
    public void The_audience_is_evaluated_when_the_window_fires_not_when_it_opens()
    {
        var plans = Rules.Compile("""
            rule "browse"
              status always-on
              when browsed category
              without purchase within 24h
              and segment parents
              send email template "bts-browse"
            """);
        var mary = new Customer(plans);

        mary.Event("browsed category", "2026-07-10T09:00:00Z");
        mary.Profile("2026-07-10T20:00:00Z", ("has_children", true));
        mary.RunUntil("2026-07-12T00:00:00Z");

        Assert.Single(mary.Sends);
    }
}
