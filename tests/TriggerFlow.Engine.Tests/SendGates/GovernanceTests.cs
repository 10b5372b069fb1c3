using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Tests.Support;

namespace TriggerFlow.Engine.Tests.SendGates;

/// <summary>Consent, caps and collisions, as a customer meets them through the engine.</summary>
public sealed class GovernanceTests
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

    [Fact]
    public void A_rule_cap_counts_sends_over_a_sliding_window()
    {
        var mary = new Customer(Rules.Compile(Nearby));

        mary.Event("entered store area", "2026-07-10T10:00:00Z");
        mary.Event("entered store area", "2026-07-10T18:00:00Z");
        mary.Event("entered store area", "2026-07-11T10:00:00Z");

        Assert.Equal(2, mary.Sends.Count());
        Assert.Equal(SuppressionReason.FrequencyCap, Assert.Single(mary.Suppressions).Reason);
    }

    [Fact]
    public void A_per_property_cap_allows_one_message_per_cart()
    {
        var plans = Rules.Compile("""
            rule "cart"
              status always-on
              when added to cart
              without checkout within 1h
              send email template "cart-reminder"
              at most 1 per cart
            """);
        var mary = new Customer(plans);

        mary.Event("added to cart", "2026-07-10T10:00:00Z", ("cart", "c1"));
        mary.RunUntil("2026-07-10T12:00:00Z");
        mary.Event("added to cart", "2026-07-10T13:00:00Z", ("cart", "c1"));
        mary.RunUntil("2026-07-10T15:00:00Z");
        mary.Event("added to cart", "2026-07-10T16:00:00Z", ("cart", "c2"));
        mary.RunUntil("2026-07-10T18:00:00Z");

        Assert.Equal(2, mary.Sends.Count());
        Assert.Equal(SuppressionReason.FrequencyCap, Assert.Single(mary.Suppressions).Reason);
    }

    [Fact]
    public void Channel_caps_count_every_rule_on_the_channel()
    {
        var plans = Rules.Compile(
            """
            rule "a"
              status always-on
              when ticket resolved
              send email template "ticket-resolved"

            rule "b"
              status always-on
              when flight landed
              send email template "flight-delay-hotel"
            """,
            "channel email at most 1 per 1d");
        var mary = new Customer(plans, new EngineOptions { CollisionInterval = NodaTime.Duration.Zero });

        mary.Event("ticket resolved", "2026-07-10T10:00:00Z");
        mary.Event("flight landed", "2026-07-10T12:00:00Z");

        Assert.Single(mary.Sends);
        Assert.Equal(SuppressionReason.ChannelCap, Assert.Single(mary.Suppressions).Reason);
    }

    [Fact]
    public void Consent_is_checked_at_send_time()
    {
        var plans = Rules.Compile("""
            rule "browse"
              status always-on
              when browsed category
              without purchase within 24h
              send email template "bts-browse"
            """);
        var mary = new Customer(plans);

        mary.Event("browsed category", "2026-07-10T09:00:00Z");
        mary.Consent("2026-07-10T12:00:00Z", "email", false);
        mary.RunUntil("2026-07-12T00:00:00Z");

        Assert.Empty(mary.Sends);
        Assert.Equal(SuppressionReason.NoConsent, Assert.Single(mary.Suppressions).Reason);
    }

    [Fact]
    public void When_rules_collide_the_higher_priority_wins_and_the_loser_names_it()
    {
        var plans = Rules.Compile("""
            rule "low"
              status always-on
              priority 10
              when entered store area
              send push template "store-nearby"

            rule "high"
              status always-on
              priority 90
              when entered store area
              send push template "store-nearby"
            """);
        var mary = new Customer(plans);

        mary.Event("entered store area", "2026-07-10T12:00:00Z");

        Assert.Equal("high", Assert.Single(mary.Sends).Rule);
        var lost = Assert.Single(mary.Suppressions);
        Assert.Equal(("low", SuppressionReason.CollisionLost, "high"), (lost.Rule, lost.Reason, lost.Detail));
    }

}
