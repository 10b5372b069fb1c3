using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Experiments;
using TriggerFlow.Engine.Tests.Support;

namespace TriggerFlow.Engine.Tests.Experiments;

public sealed class AssignmentTests
{
    private const string Test = """
        rule "bts"
          status test
          when entered store area
          send push template "store-nearby" with 10% offer
          control 20%
          variant "ten" 50% with 10% offer
          variant "fifteen" 50% with 15% offer
          goal purchase within 7d
        """;

    [Fact]
    public void Control_group_and_variant_shares_follow_the_weights()
    {
        var plan = Assert.Single(Rules.Compile(Test).Rules);

        var arms = Enumerable.Range(0, 20_000).Select(i => Assignment.Assign(plan, $"c{i}", "")).ToList();

        Assert.InRange(arms.Count(a => a.Control) / 20_000.0, 0.18, 0.22);
        var ten = arms.Count(a => a.Variant == "ten");
        var fifteen = arms.Count(a => a.Variant == "fifteen");
        Assert.InRange(ten / (double)(ten + fifteen), 0.47, 0.53);
    }

    [Fact]
    public void Assignment_is_sticky_for_a_customer_and_changes_with_the_salt()
    {
        var plan = Assert.Single(Rules.Compile(Test).Rules);

        var first = Enumerable.Range(0, 200).Select(i => Assignment.Assign(plan, $"c{i}", "")).ToList();
        var again = Enumerable.Range(0, 200).Select(i => Assignment.Assign(plan, $"c{i}", "")).ToList();
        var salted = Enumerable.Range(0, 200).Select(i => Assignment.Assign(plan, $"c{i}", "spring")).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, salted);
    }

    [Fact]
    public void The_control_group_is_exposed_but_not_sent_and_does_not_count_against_caps()
    {
        var plans = Rules.Compile(Test);
        var plan = Assert.Single(plans.Rules);
        var controlId = Enumerable.Range(0, 1000).Select(i => $"c{i}").First(id => Assignment.Assign(plan, id, "").Control);
        var customer = new Customer(plans, id: controlId);

        customer.Event("entered store area", "2026-07-10T12:00:00Z");

        Assert.Empty(customer.Sends);
        Assert.Equal(SuppressionReason.ControlGroup, Assert.Single(customer.Suppressions).Reason);
        Assert.Empty(customer.State.Sent);
    }

    [Fact]
    public void A_variant_overrides_the_offer_of_the_send()
    {
        var plans = Rules.Compile(Test);
        var plan = Assert.Single(plans.Rules);
        var id = Enumerable.Range(0, 1000).Select(i => $"c{i}").First(i => Assignment.Assign(plan, i, "").Variant == "fifteen");
        var customer = new Customer(plans, id: id);

        customer.Event("entered store area", "2026-07-10T12:00:00Z");

        var send = Assert.Single(customer.Sends);
        Assert.Equal("fifteen", send.Variant);
        Assert.Equal(15m, send.Parameters["offer"]);
    }
}
