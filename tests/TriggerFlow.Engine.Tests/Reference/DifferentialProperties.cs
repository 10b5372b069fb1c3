using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Experiments;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.Tests.Support;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Simulation;
using TriggerFlow.Testing;

namespace TriggerFlow.Engine.Tests.Reference;

/// <summary>
/// The engine against the reference model of docs/semantics.md on random rule sets and event
/// streams: both must make the same decisions for every customer. Plus two properties of the
/// engine alone: it is deterministic, and a retried message id changes nothing.
/// </summary>
public sealed class DifferentialProperties
{
    private static Arbitrary<Scenario> Scenarios =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(ScenarioGenerator.Generate), s => s.Shrink());

    [Fact]
    public void The_engine_decides_what_the_reference_model_decides()
    {
        Check.One(
            PropertyRuns.Config(seed: 20260323, cases: 400),
            Prop.ForAll(Scenarios, scenario =>
            {
                var plans = Rules.Compile(scenario.RuleText, scenario.Governance.Text);
                var engine = Project(RunEngine(plans, scenario.Options, scenario.Inputs, scenario.End));
                var model = RunModel(plans, scenario);
                foreach (var customer in scenario.Customers)
                {
                    var expected = model[customer];
                    var actual = engine.GetValueOrDefault(customer) ?? [];
                    if (!expected.SequenceEqual(actual))
                    {
                        throw new InvalidOperationException(Difference(customer, expected, actual));
                    }
                }
            }));
    }

    [Fact]
    public void The_same_inputs_always_give_the_same_decisions()
    {
        Check.One(
            PropertyRuns.Config(seed: 20260324, cases: 100),
            Prop.ForAll(Scenarios, scenario =>
            {
                var plans = Rules.Compile(scenario.RuleText, scenario.Governance.Text);
                var first = Render(RunEngine(plans, scenario.Options, scenario.Inputs, scenario.End));
                var second = Render(RunEngine(plans, scenario.Options, scenario.Inputs, scenario.End));
                Assert.Equal(first, second);
            }));
    }

    [Fact]
    public void Retrying_every_message_changes_nothing()
    {
        Check.One(
            PropertyRuns.Config(seed: 20260325, cases: 100),
            Prop.ForAll(Scenarios, scenario =>
            {
                var plans = Rules.Compile(scenario.RuleText, scenario.Governance.Text);
                var once = Render(RunEngine(plans, scenario.Options, scenario.Inputs, scenario.End));
                var twice = Render(RunEngine(plans, scenario.Options, WithRetries(scenario.Inputs), scenario.End));
                Assert.Equal(once, twice);
            }));
    }

    /// <summary>
    /// Every message with an id sent again: at once, or just before the customer's next input (so
    /// the retry arrives later and the clock it meets is no further on than the original run's).
    /// </summary>
    private static List<CustomerInput> WithRetries(IReadOnlyList<CustomerInput> inputs)
    {
        var retried = new List<CustomerInput>();
        foreach (var group in inputs.GroupBy(i => i.Customer))
        {
            var own = group.ToList();
            for (var i = 0; i < own.Count; i++)
            {
                retried.Add(own[i]);
                var retry = own[i].Input switch
                {
                    EventInput e => (EngineInput)e,
                    ProfileInput { MessageId: not null } p => p,
                    _ => null,
                };
                if (retry is not null)
                {
                    var at = i % 2 == 0 || i + 1 == own.Count ? retry.ArrivalTime : own[i + 1].Input.ArrivalTime;
                    retried.Add(own[i] with { Input = retry with { ArrivalTime = at } });
                }
            }
        }

        return [.. retried.OrderBy(i => i.Input.ArrivalTime)];
    }

    private static List<(string Customer, Decision Decision)> RunEngine(PlanSet plans, EngineOptions options, IEnumerable<CustomerInput> inputs, NodaTime.Instant end)
    {
        var decisions = new List<(string, Decision)>();
        var simulator = new Simulator(new DecisionEngine(new RuleBook(plans), options), (customer, decision) => decisions.Add((customer, decision)));
        foreach (var input in inputs)
        {
            simulator.Apply(input.Customer, input.Input);
        }

        simulator.AdvanceTo(end);
        return decisions;
    }

    private static Dictionary<string, List<Outcome>> RunModel(PlanSet plans, Scenario scenario)
    {
        var world = new ModelWorld(scenario.Rules, scenario.Governance, scenario.Options, (rule, customer) =>
        {
            var arm = Assignment.Assign(plans.Rules.Single(p => p.Name == rule), customer, scenario.Options.ExperimentSalt);
            return (arm.Control, arm.Variant);
        });
        var result = new Dictionary<string, List<Outcome>>(StringComparer.Ordinal);
        foreach (var customer in scenario.Customers)
        {
            var model = new ReferenceModel(world, customer);
            foreach (var input in scenario.Inputs.Where(i => i.Customer == customer))
            {
                model.Receive(input.Input);
            }

            result[customer] = Normalise(model.Decide(scenario.End));
        }

        return result;
    }

    private static Dictionary<string, List<Outcome>> Project(IEnumerable<(string Customer, Decision Decision)> decisions) =>
        decisions.GroupBy(d => d.Customer, d => Project(d.Decision))
            .ToDictionary(g => g.Key, g => Normalise(g), StringComparer.Ordinal);

    private static Outcome Project(Decision decision) => decision switch
    {
        WindowOpened o => new(o.At, o.Rule, o.Reason == OpenReason.Opened ? "opened" : "restarted", null, null),
        WindowClosed c => new(c.At, c.Rule, c.Reason.ToString().ToLowerInvariant(), null, null),
        SendDecision s => new(s.At, s.Rule, "send", s.Channel, s.Variant),
        Suppressed { Reason: SuppressionReason.CollisionLost } s => new(s.At, s.Rule, s.Reason.ToString(), s.Channel, $"{s.Variant}/{s.Detail}"),
        Suppressed s => new(s.At, s.Rule, s.Reason.ToString(), s.Channel, s.Variant),
        LateEventIgnored l => new(l.At, "", "late", null, l.MessageId),
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "unknown decision"),
    };

    /// <summary>Decisions as a multiset: the order within one moment is the engine's business, not the contract's.</summary>
    private static List<Outcome> Normalise(IEnumerable<Outcome> outcomes) =>
        [.. outcomes.OrderBy(o => o.At).ThenBy(o => o.Rule, StringComparer.Ordinal).ThenBy(o => o.Kind, StringComparer.Ordinal)
            .ThenBy(o => o.Channel, StringComparer.Ordinal).ThenBy(o => o.Detail, StringComparer.Ordinal)];

    /// <summary>
    /// Everything a decision carries, idempotency keys and template data included, customer by
    /// customer in the order made: how customers interleave depends on the inputs' order, not the engine.
    /// </summary>
    private static List<string> Render(IEnumerable<(string Customer, Decision Decision)> decisions) =>
        [.. decisions.OrderBy(d => d.Customer, StringComparer.Ordinal).Select(d => d.Customer + " " + (d.Decision is SendDecision s
            ? $"{s.At} {s.Rule} {s.Version} {s.Variant} {s.Channel} {s.Template} {s.IdempotencyKey} {Bag(s.Parameters)} {Bag(s.Data)}"
            : d.Decision.ToString()))];

    private static string Bag(IReadOnlyDictionary<string, object?> values) =>
        string.Join(",", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={Convert.ToString(v.Value, CultureInfo.InvariantCulture)}"));

    private static string Difference(string customer, List<Outcome> expected, List<Outcome> actual)
    {
        var text = new StringBuilder();
        text.AppendLine($"customer {customer}: the engine and the reference model disagree");
        text.AppendLine("only in the model (expected):");
        foreach (var o in expected.Except(actual))
        {
            text.AppendLine("  " + o);
        }

        text.AppendLine("only in the engine:");
        foreach (var o in actual.Except(expected))
        {
            text.AppendLine("  " + o);
        }

        text.AppendLine("model:");
        expected.ForEach(o => text.AppendLine("  " + o));
        text.AppendLine("engine:");
        actual.ForEach(o => text.AppendLine("  " + o));
        return text.ToString();
    }
}
