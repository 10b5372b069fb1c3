using NodaTime;
using TriggerFlow.Engine.SendGates;
using TriggerFlow.Engine.State;
using TriggerFlow.Engine.Tests.Support;

namespace TriggerFlow.Engine.Tests.SendGates;

/// <summary>Which earlier send a message collides with: another rule's, within the half-open collision interval.</summary>
public sealed class CollisionTests
{
    private static readonly Instant Noon = Customer.At("2026-07-10T12:00:00Z");
    private static readonly Duration Interval = new EngineOptions().CollisionInterval;

    [Fact]
    public void Of_two_sends_at_one_instant_the_one_recorded_last_wins()
    {
        var state = Sent(("first", Noon - Duration.FromMinutes(5)), ("second", Noon - Duration.FromMinutes(5)));

        Assert.Equal("second", Winner(state, "mine"));
    }

    [Fact]
    public void A_rules_own_sends_never_collide_with_it()
    {
        var state = Sent(("mine", Noon - Duration.FromMinutes(1)));

        Assert.Null(Winner(state, "mine"));
    }

    [Fact]
    public void The_interval_is_half_open_a_send_exactly_one_interval_before_does_not_collide()
    {
        Assert.Null(Winner(Sent(("other", Noon - Interval)), "mine"));
        Assert.Equal("other", Winner(Sent(("other", Noon - Interval + Duration.FromMilliseconds(1))), "mine"));
    }

    [Fact]
    public void A_send_at_the_same_instant_collides_and_a_later_one_does_not()
    {
        Assert.Equal("other", Winner(Sent(("other", Noon)), "mine"));
        Assert.Null(Winner(Sent(("other", Noon + Duration.FromMilliseconds(1))), "mine"));
    }

    private static CustomerState Sent(params (string Rule, Instant At)[] sends)
    {
        var state = new CustomerState("mary");
        foreach (var (rule, at) in sends)
        {
            state.Sent.Add(new SentMessage(rule, "email", at, 0, $"{rule}@{at.ToUnixTimeMilliseconds()}/m"));
        }

        return state;
    }

    private static string? Winner(CustomerState state, string rule) =>
        Collisions.Winner(Steps.For(Rules.Compile(""), state, Noon + Duration.FromHours(1)), rule, Noon);
}
