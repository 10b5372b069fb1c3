using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.SendGates;

/// <summary>
/// The checks a message meets at the moment it would be sent, in this order: consent, the rule's
/// caps, the channel's caps, then collisions with other rules' sends. They run when a window fires
/// and again when quiet hours release a held message: any of them may have changed meanwhile.
/// </summary>
internal static class SendGate
{
    /// <summary>The suppression of the first check that blocks the message; null when it may be sent.</summary>
    /// <param name="capKey">The rule's <c>per property</c> cap key for the firing's signal (<see cref="Caps.KeyOf"/>); null when it has no such cap.</param>
    /// <param name="window">The firing's window id: the second channel of one firing is not held back by the rule's caps.</param>
    public static Suppressed? Blocked(StepContext step, RulePlan plan, string version, string? variant, string channel, Instant at, string? capKey, string? window)
    {
        if (!Consents(step, channel))
        {
            return new Suppressed(at, plan.Name, version, variant, channel, SuppressionReason.NoConsent, null);
        }

        if (Caps.RuleCapHit(step.State, plan, at, capKey, window) is { } ruleCap)
        {
            return new Suppressed(at, plan.Name, version, variant, channel, SuppressionReason.FrequencyCap, ruleCap);
        }

        if (Caps.ChannelCapHit(step.State, step.Book.Governance, channel, at) is { } channelCap)
        {
            return new Suppressed(at, plan.Name, version, variant, channel, SuppressionReason.ChannelCap, channelCap);
        }

        return Collisions.Winner(step, plan.Name, at) is { } winner
            ? new Suppressed(at, plan.Name, version, variant, channel, SuppressionReason.CollisionLost, winner)
            : null;
    }

    /// <summary>The customer's explicit consent for the channel, or the engine's default when there is none.</summary>
    private static bool Consents(StepContext step, string channel) =>
        step.State.ConsentOrNull is { } consent && consent.TryGetValue(channel, out var granted) ? granted : step.Options.ConsentByDefault;
}
