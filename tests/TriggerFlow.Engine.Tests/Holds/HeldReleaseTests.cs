using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Holds;
using TriggerFlow.Engine.State;
using TriggerFlow.Engine.Tests.Support;

namespace TriggerFlow.Engine.Tests.Holds;

/// <summary>A held message meets the send gates again when its quiet hours end.</summary>
public sealed class HeldReleaseTests
{
    private const string Thanks = """
        rule "thanks"
          status always-on
          when ticket resolved
          send email template "ticket-resolved"
        """;

    [Fact]
    public void Consent_withdrawn_while_a_message_is_held_suppresses_it_at_release()
    {
        var mary = new Customer(Rules.Compile(Thanks, "quiet hours 21:00 to 08:00"));

        mary.Event("ticket resolved", "2026-07-10T22:00:00Z");
        mary.Consent("2026-07-11T01:00:00Z", "email", false);
        mary.RunUntil("2026-07-12T00:00:00Z");

        Assert.Empty(mary.Sends);
        Assert.Equal(
            [(SuppressionReason.QuietHoursHeld, Customer.At("2026-07-10T22:00:00Z")), (SuppressionReason.NoConsent, Customer.At("2026-07-11T08:00:00Z"))],
            mary.Suppressions.Select(s => (s.Reason, s.At)));
    }

    [Fact]
    public void A_message_held_under_a_rule_version_no_longer_deployed_is_released_to_nothing()
    {
        var release = Customer.At("2026-07-11T08:00:00Z");
        var message = new SendDecision(release, "thanks", "withdrawn-version", null, "email", "ticket-resolved", EngineStep.Empty, EngineStep.Empty, "key");
        var state = new CustomerState("mary");
        var step = Steps.For(Rules.Compile(Thanks), state, release);

        HeldRelease.Release(step, new HeldMessage(message, release, 0, null, "thanks@0/m1"));

        Assert.Null(step.Emitted);
        Assert.Empty(state.SentView);
    }
}
