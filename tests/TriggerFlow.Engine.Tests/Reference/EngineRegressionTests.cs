using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.Tests.Support;

namespace TriggerFlow.Engine.Tests.Reference;

/// <summary>The engine bugs the differential test found, each pinned by the smallest case that showed it.</summary>
public sealed class EngineRegressionTests
{
    private const string Browse = """
        rule "browse"
          status always-on
          when browsed category
          without purchase within 24h
          send email template "bts-browse"
        """;

    [Fact]
    public void A_late_event_no_rule_mentions_is_reported_even_with_no_window_open()
    {
        var mary = new Customer(Rules.Compile(Browse));

        mary.Event("message opened", Customer.At("2026-07-10T08:00:00Z"), Customer.At("2026-07-10T09:00:00Z"));

        Assert.Single(mary.Decisions.OfType<LateEventIgnored>());
        Assert.Equal(1, mary.State.LateEvents);
    }

    [Fact]
    public void A_retried_late_event_is_reported_and_counted_once()
    {
        var mary = new Customer(Rules.Compile(Browse));
        var late = new EventInput("m-1", "purchase", new Dictionary<string, object?>(), Customer.At("2026-07-10T08:00:00Z"), Customer.At("2026-07-10T09:00:00Z"));

        mary.Apply(late);
        var retry = mary.Apply(late with { ArrivalTime = Customer.At("2026-07-10T09:10:00Z") });

        Assert.Empty(retry.Decisions);
        Assert.Equal(1, mary.State.LateEvents);
    }

    [Fact]
    public void A_purchase_that_arrives_before_an_out_of_order_browse_it_follows_still_cancels()
    {
        var mary = new Customer(Rules.Compile(Browse));

        // The purchase happened 3 minutes after the browse but arrived first; both are within the lateness.
        mary.Event("purchase", "2026-07-10T09:03:00Z");
        mary.Event("browsed category", Customer.At("2026-07-10T09:00:00Z"), Customer.At("2026-07-10T09:04:00Z"));
        mary.RunUntil("2026-07-12T00:00:00Z");

        Assert.Empty(mary.Sends);
        var cancelled = Assert.Single(mary.Decisions.OfType<WindowClosed>());
        Assert.Equal((CloseReason.Cancelled, "m1", Customer.At("2026-07-10T09:03:00Z")), (cancelled.Reason, cancelled.Cause, cancelled.At));
    }

    [Fact]
    public void A_sequence_step_that_arrives_before_an_out_of_order_signal_is_taken()
    {
        var mary = new Customer(Rules.Compile("""
            rule "view-then-cart"
              status always-on
              when viewed product
              then added to cart within 1h
              send email template "cart-reminder"
            """));

        mary.Event("added to cart", "2026-07-10T09:02:00Z");
        mary.Event("viewed product", Customer.At("2026-07-10T09:00:00Z"), Customer.At("2026-07-10T09:03:00Z"));
        mary.RunUntil("2026-07-11T00:00:00Z");

        Assert.Equal(Customer.At("2026-07-10T09:02:00Z"), Assert.Single(mary.Sends).At);
    }

    [Fact]
    public void Messages_released_from_quiet_hours_at_one_moment_go_out_highest_priority_first()
    {
        var plans = Rules.Compile(
            """
            rule "low"
              status always-on
              priority 10
              when ticket resolved
              send email template "ticket-resolved"

            rule "high"
              status always-on
              priority 90
              when flight landed
              send sms template "flight-landed-directions"
            """,
            "quiet hours 21:00 to 08:00");
        var mary = new Customer(plans);

        // The low-priority message is held first; both are released at 08:00 and collide.
        mary.Event("ticket resolved", "2026-07-10T22:00:00Z");
        mary.Event("flight landed", "2026-07-10T23:00:00Z");
        mary.RunUntil("2026-07-12T00:00:00Z");

        Assert.Equal("high", Assert.Single(mary.Sends).Rule);
        Assert.Equal(("low", "high"), LoserAndWinner(mary));
    }

    [Fact]
    public void Two_windows_opened_in_the_same_millisecond_are_two_firings()
    {
        var mary = new Customer(Rules.Compile("""
            rule "nearby"
              status always-on
              when entered store area
              send push template "store-nearby"
              at most 1 ever
            """));

        mary.Event("entered store area", "2026-07-10T12:00:00Z");
        mary.Event("entered store area", "2026-07-10T12:00:00Z");

        Assert.Single(mary.Sends);
        Assert.Equal(SuppressionReason.FrequencyCap, Assert.Single(mary.Suppressions).Reason);
        var windows = mary.Decisions.OfType<WindowOpened>().Select(o => o.WindowId).ToList();
        Assert.Equal(2, windows.Distinct().Count());
    }

    [Fact]
    public void A_collision_names_the_most_recent_send_even_when_a_late_event_sent_last()
    {
        var mary = new Customer(Rules.Compile("""
            rule "nearby"
              status always-on
              priority 90
              when entered store area
              send push template "store-nearby"

            rule "cart"
              status always-on
              when added to cart
              send push template "cart-reminder"

            rule "checkout"
              status always-on
              when added to cart
              wait 10m
              send email template "cart-reminder"
            """));

        mary.Event("added to cart", "2026-03-28T13:01:00Z");
        // Arrives after the cart send, but happened before it: its send is recorded last and is older.
        mary.Event("entered store area", Customer.At("2026-03-28T13:00:38Z"), Customer.At("2026-03-28T13:02:20Z"));
        mary.RunUntil("2026-03-28T14:00:00Z");

        Assert.Equal(("checkout", "cart"), LoserAndWinner(mary));
    }

    [Fact]
    public void A_late_event_allowed_more_lateness_than_the_collision_interval_still_meets_the_send_before_it()
    {
        var options = new EngineOptions { AllowedLateness = NodaTime.Duration.FromHours(1) };
        var mary = new Customer(
            Rules.Compile("""
                rule "cart"
                  status always-on
                  when added to cart
                  send push template "cart-reminder"

                rule "nearby"
                  status always-on
                  when entered store area
                  send push template "store-nearby"
                """),
            options);

        mary.Event("added to cart", "2026-07-10T10:00:00Z");
        mary.Event("message opened", "2026-07-10T10:50:00Z");
        // Happened five minutes after the cart send, arrives fifty-five minutes late: within the hour allowed.
        mary.Event("entered store area", Customer.At("2026-07-10T10:05:00Z"), Customer.At("2026-07-10T10:55:00Z"));

        Assert.Equal(("nearby", "cart"), LoserAndWinner(mary));
    }

    [Fact]
    public void A_window_decided_after_the_lateness_grace_still_meets_a_send_just_before_it()
    {
        var mary = new Customer(Rules.Compile("""
            rule "resupply"
              status always-on
              when 1h since last purchase of "toothpaste"
              send push template "resupply-reminder"

            rule "thanks"
              status always-on
              when ticket resolved
              wait 3h
              send email template "ticket-resolved"
            """));

        mary.Event("ticket resolved", "2026-03-29T12:29:24Z");
        mary.Event("purchase", Customer.At("2026-03-29T14:42:07Z"), Customer.At("2026-03-29T14:46:00Z"), ("category", "toothpaste"));
        // Moves the clock to 15:46: "thanks" sends (at 15:29:24); "resupply", due at 15:42:07, waits out the lateness grace.
        mary.Profile("2026-03-29T15:46:00Z", ("has_children", true));
        mary.RunUntil("2026-03-30T00:00:00Z");

        Assert.Equal(("resupply", "thanks"), LoserAndWinner(mary));
        Assert.Equal(Customer.At("2026-03-29T15:42:07Z"), mary.Suppressions.Single().At);
    }

    /// <summary>The one rule that lost a collision, and the rule it names as the winner.</summary>
    private static (string Loser, string? Winner) LoserAndWinner(Customer customer)
    {
        var lost = Assert.Single(customer.Suppressions, s => s.Reason == SuppressionReason.CollisionLost);
        return (lost.Rule, lost.Detail);
    }
}
