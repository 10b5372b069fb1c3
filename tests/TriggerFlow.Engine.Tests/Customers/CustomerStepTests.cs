using NodaTime;
using TriggerFlow.Engine.Customers;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.State;
using TriggerFlow.Engine.Tests.Support;

namespace TriggerFlow.Engine.Tests.Customers;

/// <summary>The per-customer step every host drives: dedupe, identity merge, catch-up, engine, decisions.</summary>
public sealed class CustomerStepTests
{
    private const string Cart = """
        rule "cart"
          status always-on
          when added to cart
          without checkout within 1h
          send email template "cart-reminder"
        """;

    private static readonly Instant Nine = Customer.At("2026-07-10T09:00:00Z");

    [Fact]
    public void A_retried_input_changes_nothing_and_merges_nothing()
    {
        var step = Step();
        var mary = new CustomerState("mary");
        var anonymous = new CustomerState("anon");
        step.Apply(anonymous, Added("a1", Nine), null, [], out _);
        var profile = new ProfileInput("p1", new Dictionary<string, object?>(), new Dictionary<string, bool>(), Nine);
        step.Apply(mary, profile, null, [], out _);

        var outcome = step.Apply(mary, profile, anonymous, [], out _);

        Assert.Equal(StepOutcome.Duplicate, outcome);
        Assert.Empty(mary.Windows);
    }

    [Fact]
    public void A_merged_state_folds_in_before_the_input_applies()
    {
        var step = Step();
        var mary = new CustomerState("mary");
        var anonymous = new CustomerState("anon");
        step.Apply(anonymous, Added("a1", Nine), null, [], out _);

        var outcome = step.Apply(mary, new ProfileInput("p1", new Dictionary<string, object?>(), new Dictionary<string, bool>(), Nine + Duration.FromMinutes(5)), anonymous, [], out var next);

        Assert.Equal(StepOutcome.Applied, outcome);
        Assert.Single(mary.Windows);
        Assert.Equal(Nine + Duration.FromHours(1) + new EngineOptions().AllowedLateness, next);
    }

    [Fact]
    public void A_wake_up_that_fired_late_is_caught_up_at_its_own_time_before_the_input()
    {
        var step = Step();
        var mary = new CustomerState("mary");
        step.Apply(mary, Added("a1", Nine), null, [], out var due);
        var decisions = new List<Decision>();

        // The host's timer never fired: the next input arrives a day later.
        step.Apply(mary, Added("a2", Nine + Duration.FromDays(1)), null, decisions, out _);

        var send = Assert.Single(decisions.OfType<SendDecision>());
        Assert.Equal(Nine + Duration.FromHours(1), send.At);
        Assert.True(decisions.IndexOf(send) < decisions.FindIndex(d => d is WindowOpened { At: var at } && at > Nine), "the caught-up send comes before the new window");
        Assert.NotNull(due);
    }

    [Fact]
    public void A_late_event_is_reported_late()
    {
        var step = Step();
        var mary = new CustomerState("mary");
        step.Apply(mary, Added("a1", Nine + Duration.FromDays(2)), null, [], out _);

        var outcome = step.Apply(mary, new EventInput("a0", "added to cart", PropertyMap.Empty, Nine, Nine + Duration.FromDays(2)), null, [], out _);

        Assert.Equal(StepOutcome.Late, outcome);
    }

    private static CustomerStep Step() => new(new DecisionEngine(new RuleBook(Rules.Compile(Cart)), new EngineOptions()));

    private static EventInput Added(string id, Instant at) =>
        new(id, "added to cart", PropertyMap.From([KeyValuePair.Create("cart", (object?)"c1")]), at, at);
}
