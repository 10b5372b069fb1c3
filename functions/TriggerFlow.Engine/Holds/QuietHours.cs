using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.SendGates;
using TriggerFlow.Engine.State;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Engine.Holds;

/// <summary>
/// Quiet hours, in the customer's time zone: a message that passed the send gates goes out now, or,
/// inside the rule's (or the governance's default) quiet hours, is held until they end or dropped,
/// as the rule's policy says. A held message meets the gates again on release (<see cref="HeldRelease"/>).
/// </summary>
internal static class QuietHours
{
    public static void Deliver(StepContext step, SendDecision message, RulePlan plan, string? capKey, string window, DateTimeZone zone)
    {
        var hours = plan.QuietHours.Hours ?? step.Book.Governance.DefaultQuietHours;
        if (hours is not null && CustomerClock.IsWithin(message.At, zone, hours))
        {
            if (plan.QuietHours.Policy == QuietHoursPolicy.Drop)
            {
                step.Emit(Suppress(message, SuppressionReason.QuietHoursDropped, $"quiet hours {hours.Start:HH\\:mm}–{hours.End:HH\\:mm}"));
                return;
            }

            var release = CustomerClock.NextEnd(message.At, zone, hours);
            step.State.Held.Add(new HeldMessage(message, release, plan.Priority, capKey, window));
            step.Emit(Suppress(message, SuppressionReason.QuietHoursHeld, $"held until {release}"));
            return;
        }

        SentLog.Send(step, message, plan.Priority, capKey, window);
    }

    private static Suppressed Suppress(SendDecision message, SuppressionReason reason, string? detail) =>
        new(message.At, message.Rule, message.Version, message.Variant, message.Channel, reason, detail);
}
