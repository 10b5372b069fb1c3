using TriggerFlow.Engine.Tests.Support;
using TriggerFlow.Engine.Experiments;

namespace TriggerFlow.Engine.Tests.Reference;

public sealed class ScratchTests
{
    [Fact]
    public void Scratch()
    {
        var counts = new Dictionary<string, int>();
        for (var seed = 0; seed < 400; seed++)
        {
            var scenario = ScenarioGenerator.Generate(seed * 7919);
            var plans = Rules.Compile(scenario.RuleText, scenario.Governance.Text);
            var world = new ModelWorld(scenario.Rules, scenario.Governance, new EngineOptions(), (rule, customer) =>
            {
                var arm = Assignment.Assign(plans.Rules.Single(p => p.Name == rule), customer, "");
                return (arm.Control, arm.Variant);
            });
            foreach (var c in scenario.Customers)
            {
                var m = new ReferenceModel(world, c);
                foreach (var i in scenario.Inputs.Where(i => i.Customer == c)) m.Receive(i.Input);
                foreach (var o in m.Decide(scenario.End)) counts[o.Kind] = counts.GetValueOrDefault(o.Kind) + 1;
            }
        }
        Assert.Fail(string.Join("\n", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")));
    }
}
