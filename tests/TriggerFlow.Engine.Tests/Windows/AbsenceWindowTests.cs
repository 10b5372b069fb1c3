using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.Tests.Support;

namespace TriggerFlow.Engine.Tests.Windows;

public sealed class AbsenceWindowTests
{
    private const string Browse = """
        rule "browse"
          status always-on
          when browsed category
          without purchase within 24h
          send email template "bts-browse"
        """;

    private const string BrowseFromFirst = """
        rule "browse"
          status always-on
          when browsed category
          without purchase within 24h from first signal
          send email template "bts-browse"
        """;

    [Fact]
    public void A_browse_without_purchase_sends_once_24_hours_after_the_latest_browse()
    {
        var mary = new Customer(Rules.Compile(Browse));

        mary.Event("browsed category", "2026-07-10T09:00:00Z", ("category", "kids"));
        mary.Event("browsed category", "2026-07-10T15:00:00Z", ("category", "kids"));
        mary.RunUntil("2026-07-13T00:00:00Z");

        var send = Assert.Single(mary.Sends);
        Assert.Equal(Customer.At("2026-07-11T15:00:00Z"), send.At);
        Assert.Equal("email", send.Channel);
        Assert.Contains(mary.Decisions, d => d is WindowOpened { Reason: OpenReason.Restarted });
    }

    [Fact]
    public void From_first_signal_a_repeat_browse_does_not_move_the_deadline()
    {
        var mary = new Customer(Rules.Compile(BrowseFromFirst));

        mary.Event("browsed category", "2026-07-10T09:00:00Z");
        mary.Event("browsed category", "2026-07-10T15:00:00Z");
        mary.RunUntil("2026-07-13T00:00:00Z");

        Assert.Equal(Customer.At("2026-07-11T09:00:00Z"), Assert.Single(mary.Sends).At);
    }

    [Fact]
    public void A_purchase_before_the_deadline_cancels_the_window()
    {
        var mary = new Customer(Rules.Compile(Browse));

        mary.Event("browsed category", "2026-07-10T09:00:00Z");
        mary.Event("purchase", "2026-07-11T08:59:59Z");
        mary.RunUntil("2026-07-13T00:00:00Z");

        Assert.Empty(mary.Sends);
        Assert.Contains(mary.Decisions, d => d is WindowClosed { Reason: CloseReason.Cancelled });
    }

    [Fact]
    public void A_purchase_exactly_at_the_deadline_does_not_cancel_because_windows_are_half_open()
    {
        var mary = new Customer(Rules.Compile(Browse));

        mary.Event("browsed category", "2026-07-10T09:00:00Z");
        mary.Event("purchase", "2026-07-11T09:00:00Z");

        Assert.Equal(Customer.At("2026-07-11T09:00:00Z"), Assert.Single(mary.Sends).At);
    }

    [Fact]
    public void A_late_purchase_within_the_allowed_lateness_still_cancels()
    {
        var mary = new Customer(Rules.Compile(Browse));

        mary.Event("browsed category", "2026-07-10T09:00:00Z");
        mary.WakeUp("2026-07-11T09:02:00Z");
        mary.Event("purchase", Customer.At("2026-07-11T08:58:00Z"), Customer.At("2026-07-11T09:03:00Z"));
        mary.RunUntil("2026-07-13T00:00:00Z");

        Assert.Empty(mary.Sends);
    }

    [Fact]
    public void An_event_later_than_the_allowed_lateness_is_reported_and_not_applied()
    {
        var mary = new Customer(Rules.Compile(Browse));

        mary.Event("browsed category", "2026-07-10T09:00:00Z");
        mary.Event("purchase", Customer.At("2026-07-10T08:00:00Z"), Customer.At("2026-07-10T09:30:00Z"));

        Assert.Single(mary.Decisions.OfType<LateEventIgnored>());
        Assert.Equal(1, mary.State.LateEvents);
    }

    [Fact]
    public void The_engine_asks_to_be_woken_at_the_deadline_plus_the_lateness_grace()
    {
        var mary = new Customer(Rules.Compile(Browse));

        var result = mary.Event("browsed category", "2026-07-10T09:00:00Z");

        Assert.Equal(Customer.At("2026-07-11T09:05:00Z"), result.NextWakeUp);
    }

    [Fact]
    public void The_same_message_applied_twice_changes_nothing_the_second_time()
    {
        var plans = Rules.Compile(Browse);
        var mary = new Customer(plans);
        var browse = new EventInput("m-1", "browsed category", new Dictionary<string, object?>(), Customer.At("2026-07-10T09:00:00Z"), Customer.At("2026-07-10T09:00:00Z"));
        var retry = browse with { ArrivalTime = Customer.At("2026-07-10T12:00:00Z"), EventTime = Customer.At("2026-07-10T12:00:00Z") };

        mary.Apply(browse);
        var second = mary.Apply(retry);

        Assert.Empty(second.Decisions);
        Assert.Equal(Customer.At("2026-07-11T09:00:00Z"), Assert.Single(mary.State.Windows).Deadline);
    }
}
