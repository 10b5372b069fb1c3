using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.State;
using TriggerFlow.Engine.Tests.Support;
using TriggerFlow.Engine.Windows;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.Tests.Windows;

/// <summary>Tenure starts at the earliest tenure event in event time, and its span is half-open.</summary>
public sealed class TenureTests
{
    private static readonly PlanSet Plans = Rules.Compile("""
        rule "welcome"
          status always-on
          when viewed product
          within 90d of first purchase
          send email template "cart-reminder"

        rule "anytime"
          status always-on
          when viewed product
          send email template "cart-reminder"
        """);

    private static readonly Instant First = Customer.At("2026-07-01T00:00:00Z");

    private static RulePlan Welcome => Plans.Rules.Single(r => r.Name == "welcome");

    [Fact]
    public void A_purchase_that_happened_earlier_but_arrived_later_moves_the_start_back()
    {
        var state = new CustomerState("mary");
        var step = Steps.For(Plans, state, First + Duration.FromDays(10));

        Tenure.Track(step, Purchase("m1", First + Duration.FromDays(5)));
        Tenure.Track(step, Purchase("m2", First));
        Tenure.Track(step, Purchase("m3", First + Duration.FromDays(1)));

        Assert.Equal(First, state.TenureStart["welcome"]);
    }

    [Fact]
    public void Before_its_tenure_event_ever_happened_a_rule_with_tenure_is_excluded()
    {
        var step = Steps.For(Plans, new CustomerState("mary"), First);

        Assert.True(Tenure.Excludes(step, Welcome, First));
    }

    [Fact]
    public void The_span_is_half_open_its_end_is_outside()
    {
        var state = new CustomerState("mary");
        state.TenureStart["welcome"] = First;
        var step = Steps.For(Plans, state, First);

        Assert.False(Tenure.Excludes(step, Welcome, First));
        Assert.False(Tenure.Excludes(step, Welcome, First + Duration.FromDays(90) - Duration.FromMilliseconds(1)));
        Assert.True(Tenure.Excludes(step, Welcome, First + Duration.FromDays(90)));
    }

    [Fact]
    public void A_rule_without_tenure_is_never_excluded()
    {
        var step = Steps.For(Plans, new CustomerState("mary"), First);

        Assert.False(Tenure.Excludes(step, Plans.Rules.Single(r => r.Name == "anytime"), First));
    }

    private static EventInput Purchase(string id, Instant at) =>
        new(id, "purchase", new Dictionary<string, object?>(), at, at);
}
