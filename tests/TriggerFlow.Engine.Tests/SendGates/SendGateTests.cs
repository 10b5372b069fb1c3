using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.SendGates;
using TriggerFlow.Engine.State;
using TriggerFlow.Engine.Tests.Support;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.Tests.SendGates;

/// <summary>The gates a message meets at send time, and the order they are checked in: consent, rule caps, channel caps, collisions.</summary>
public sealed class SendGateTests
{
    private static readonly Instant Noon = Customer.At("2026-07-10T12:00:00Z");

    private static readonly PlanSet Plans = Rules.Compile(
        """
        rule "once"
          status always-on
          when ticket resolved
          send email template "ticket-resolved"
          at most 1 ever

        rule "other"
          status always-on
          when flight landed
          send email template "flight-delay-hotel"
        """,
        "channel email at most 1 per 1d");

    private static RulePlan Once => Plans.Rules.Single(r => r.Name == "once");

    [Fact]
    public void Consent_is_checked_first_even_when_every_other_gate_blocks_too()
    {
        var state = EveryGateClosed();

        Assert.Equal(SuppressionReason.NoConsent, Blocked(state, "email")!.Reason);
    }

    [Fact]
    public void The_rules_caps_come_before_the_channels()
    {
        var state = EveryGateClosed();
        state.Consent["email"] = true;

        var blocked = Blocked(state, "email")!;

        Assert.Equal((SuppressionReason.FrequencyCap, "at most 1 ever"), (blocked.Reason, blocked.Detail));
    }

    [Fact]
    public void The_channels_caps_come_before_collisions()
    {
        var state = EveryGateClosed(onceSentBefore: false);
        state.Consent["email"] = true;

        var blocked = Blocked(state, "email")!;

        Assert.Equal((SuppressionReason.ChannelCap, "email at most 1 per 1d"), (blocked.Reason, blocked.Detail));
    }

    [Fact]
    public void A_collision_with_another_rule_blocks_on_any_channel_and_names_the_winner()
    {
        var state = EveryGateClosed(onceSentBefore: false);

        var blocked = Blocked(state, "sms")!;

        Assert.Equal((SuppressionReason.CollisionLost, "other", "sms"), (blocked.Reason, blocked.Detail, blocked.Channel));
    }

    [Fact]
    public void A_message_no_gate_blocks_passes()
    {
        var state = new CustomerState("mary");

        Assert.Null(Blocked(state, "email"));
    }

    [Theory]
    [InlineData(true, null, false)]
    [InlineData(false, null, true)]
    [InlineData(false, true, false)]
    [InlineData(true, false, true)]
    public void Explicit_consent_wins_over_the_default(bool consentByDefault, bool? recorded, bool blocked)
    {
        var state = new CustomerState("mary");
        if (recorded is { } granted)
        {
            state.Consent["email"] = granted;
        }

        var suppressed = Blocked(state, "email", new EngineOptions { ConsentByDefault = consentByDefault });

        Assert.Equal(blocked, suppressed?.Reason == SuppressionReason.NoConsent);
    }

    /// <summary>Consent withdrawn, the rule sent once ever (unless told), an e-mail sent today and another rule's send a minute ago.</summary>
    private static CustomerState EveryGateClosed(bool onceSentBefore = true)
    {
        var state = new CustomerState("mary");
        state.Consent["email"] = false;
        if (onceSentBefore)
        {
            state.SentEver["once"] = 1;
        }

        state.Sent.Add(new SentMessage("other", "email", Noon - Duration.FromMinutes(1), 0, "other@0/m1"));
        return state;
    }

    private static Suppressed? Blocked(CustomerState state, string channel, EngineOptions? options = null) =>
        SendGate.Blocked(Steps.For(Plans, state, Noon, options), Once, Once.Version, null, channel, Noon, null, "once@0/m2");
}
