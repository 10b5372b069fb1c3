using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Firing;
using TriggerFlow.Engine.State;
using TriggerFlow.Engine.Tests.Support;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.Tests.Firing;

/// <summary>The order due windows and held messages are decided in: time, then priority, then rule name.</summary>
public sealed class ArbitrationTests
{
    private static readonly Instant Noon = Customer.At("2026-07-10T12:00:00Z");

    private static readonly PlanSet Plans = Rules.Compile("""
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

    [Fact]
    public void The_earlier_time_goes_first_whatever_the_priority()
    {
        Assert.True(Arbitration.Earlier(Noon, 0, "b", Noon + Duration.FromMilliseconds(1), 100, "a"));
        Assert.False(Arbitration.Earlier(Noon + Duration.FromMilliseconds(1), 100, "a", Noon, 0, "b"));
    }

    [Fact]
    public void At_one_time_the_higher_priority_goes_first_whatever_the_name()
    {
        Assert.True(Arbitration.Earlier(Noon, 90, "z", Noon, 10, "a"));
        Assert.False(Arbitration.Earlier(Noon, 10, "a", Noon, 90, "z"));
    }

    [Fact]
    public void At_one_time_and_priority_the_rule_name_decides_in_ordinal_order()
    {
        Assert.True(Arbitration.Earlier(Noon, 0, "B", Noon, 0, "a"));
        Assert.False(Arbitration.Earlier(Noon, 0, "a", Noon, 0, "B"));
    }

    [Fact]
    public void Equal_keys_are_not_earlier_either_way_so_the_first_found_stays_first()
    {
        Assert.False(Arbitration.Earlier(Noon, 5, "a", Noon, 5, "a"));
    }

    [Theory]
    [InlineData("high", "low", "held")]
    [InlineData("low", "high", "window")]
    public void A_held_message_and_a_window_due_at_one_instant_go_by_priority(string heldRule, string windowRule, string first)
    {
        var state = new CustomerState("mary");
        state.Windows.Add(Window(windowRule, Noon, awaitsAbsence: false));
        state.Held.Add(Held(heldRule, Noon));

        var next = Arbitration.Next(Steps.For(Plans, state, Noon), Noon)!.Value;

        Assert.Equal(first, next.Held is not null ? "held" : "window");
    }

    [Fact]
    public void Of_two_windows_due_at_one_instant_the_higher_priority_goes_first_whatever_their_order_in_the_state()
    {
        var state = new CustomerState("mary");
        state.Windows.Add(Window("low", Noon, awaitsAbsence: false));
        state.Windows.Add(Window("high", Noon, awaitsAbsence: false));

        Assert.Equal("high", Arbitration.Next(Steps.For(Plans, state, Noon), Noon)!.Value.Window!.Rule);
    }

    [Fact]
    public void A_window_awaiting_an_absence_is_due_only_once_its_deadline_is_settled()
    {
        var state = new CustomerState("mary");
        state.Windows.Add(Window("low", Noon, awaitsAbsence: true));
        var step = Steps.For(Plans, state, Noon + Duration.FromMinutes(1));

        Assert.Null(Arbitration.Next(step, step.Watermark));
        Assert.Equal("low", Arbitration.Next(step, Noon)!.Value.Window!.Rule);
    }

    [Fact]
    public void A_window_awaiting_nothing_is_due_once_the_clock_reaches_its_deadline()
    {
        var state = new CustomerState("mary");
        state.Windows.Add(Window("low", Noon, awaitsAbsence: false));
        var step = Steps.For(Plans, state, Noon);

        Assert.Equal("low", Arbitration.Next(step, step.Watermark)!.Value.Window!.Rule);
    }

    [Fact]
    public void Nothing_is_due_before_its_time()
    {
        var state = new CustomerState("mary");
        state.Windows.Add(Window("low", Noon, awaitsAbsence: false));
        state.Held.Add(Held("high", Noon));
        var step = Steps.For(Plans, state, Noon - Duration.FromMilliseconds(1));

        Assert.Null(Arbitration.Next(step, step.Watermark));
    }

    private static PendingWindow Window(string rule, Instant deadline, bool awaitsAbsence) => new()
    {
        Rule = rule,
        Version = Plans.Rules.Single(r => r.Name == rule).Version,
        WindowId = $"{rule}@0/m1",
        Stage = WindowStage.Waiting,
        Deadline = deadline,
        AwaitsAbsence = awaitsAbsence,
    };

    private static HeldMessage Held(string rule, Instant release)
    {
        var plan = Plans.Rules.Single(r => r.Name == rule);
        var message = new SendDecision(release, rule, plan.Version, null, "push", "store-nearby", EngineStep.Empty, EngineStep.Empty, "key");
        return new HeldMessage(message, release, plan.Priority, null, $"{rule}@0/m2");
    }
}
