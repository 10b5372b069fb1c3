using TriggerFlow.Engine.Tests.Support;

namespace TriggerFlow.Engine.Tests.Reference;

public sealed class ScratchTests
{
    [Fact]
    public void Scratch()
    {
        var plans = Rules.Compile("""
            rule "r4"
              status always-on
              when added to cart
              without checkout within 3h from first signal
              send email template "cart-reminder"
              send push template "cart-reminder"
              at most 1 ever
            """);
        var mary = new Customer(plans);
        mary.Event("added to cart", "2026-10-24T12:48:20Z", ("cart", "c2"));
        mary.RunUntil("2026-10-26T00:00:00Z");
        Assert.Fail(string.Join("\n", mary.Decisions) + "\n" + string.Join(",", plans.Rules[0].Caps));
    }
}
