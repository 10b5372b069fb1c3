using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Experiments;
using TriggerFlow.Engine.Holds;
using TriggerFlow.Engine.SendGates;
using TriggerFlow.Engine.State;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.Firing;

/// <summary>
/// A due window decided: closed because its rule is paused, its sequence expired, or satisfied. A
/// satisfied window fires: it is suppressed as a whole (active period, audience, control group) or
/// composes one message per action, each through the send gates and then quiet hours.
/// </summary>
internal static class WindowFiring
{
    public static void Decide(StepContext step, PendingWindow window)
    {
        var at = window.Deadline;
        var plan = step.PlanOf(window);
        var active = step.Book.Active(window.Rule);
        if (plan is null || active is null || !RuleBook.Runs(active, step.Options.IncludeDraftRules))
        {
            step.Emit(new WindowClosed(at, window.Rule, window.Version, window.WindowId, CloseReason.RulePaused, null));
            return;
        }

        if (window.Stage == WindowStage.Sequence)
        {
            step.Emit(new WindowClosed(at, window.Rule, window.Version, window.WindowId, CloseReason.Expired, null));
            return;
        }

        step.Emit(new WindowClosed(at, window.Rule, window.Version, window.WindowId, CloseReason.Satisfied, null));
        Fire(step, window, plan, at);
    }

    private static void Fire(StepContext step, PendingWindow window, RulePlan plan, Instant at)
    {
        var zone = CustomerClock.ZoneOf(step.State.ProfileView, step.Options);
        SuppressionReason? reason =
            !CustomerClock.IsActive(plan, at, zone) ? SuppressionReason.OutsideActivePeriod
            : plan.Audience is { } audience && !step.Matches(audience.Condition, window.Signal, window.Signal) ? SuppressionReason.NotInAudience
            : window.Control ? SuppressionReason.ControlGroup
            : null;
        if (reason is { } r)
        {
            step.Emit(new Suppressed(at, plan.Name, plan.Version, window.Variant, null, r, null));
            return;
        }

        var variant = Variants.Of(plan, window.Variant);
        var capKey = Caps.KeyOf(plan, window.Signal);
        for (var a = 0; a < plan.Actions.Count; a++)
        {
            var action = plan.Actions[a];

            // A variant's channel override applies to the rule's first send; further sends are fixed parts of the rule.
            var first = a == 0;
            var channel = first && variant?.Channel is { } c ? c : action.Channel;

            // Checked before the message is composed: a blocked message needs no parameters or key.
            if (SendGate.Blocked(step, plan, window.Version, window.Variant, channel, at, capKey, window.WindowId) is { } blocked)
            {
                step.Emit(blocked);
                continue;
            }

            var template = first && variant?.Template is { } t ? t : action.Template;
            var key = IdempotencyKey.For(step.State.CustomerId, window.Rule, window.WindowId, channel);
            var message = new SendDecision(at, plan.Name, window.Version, window.Variant, channel, template, step.Book.ParametersOf(plan, a, variant), window.Signal, key);
            QuietHours.Deliver(step, message, plan, capKey, window.WindowId, zone);
        }
    }
}
