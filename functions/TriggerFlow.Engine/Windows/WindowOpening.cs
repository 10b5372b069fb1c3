using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Experiments;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.State;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Engine.Windows;

/// <summary>
/// A signal opens a window for each rule it matches, in priority order, or restarts the rule's open
/// window where a repeat signal moves the anchor. The new or restarted window then catches up with
/// the awaited events already applied (<see cref="WindowProgress.CatchUp"/>).
/// </summary>
internal static class WindowOpening
{
    public static void Open(StepContext step, EventInput e)
    {
        if (step.Book.SignalIndexOf(e.Name) is not { } index)
        {
            return;
        }

        // The rules the event's value names, and those always checked, merged back into priority order.
        var named = index.Named(e.Properties);
        var always = index.Always;
        for (int n = 0, a = 0; n < named.Length || a < always.Length;)
        {
            var plan = index.Rules[n < named.Length && (a >= always.Length || named[n] < always[a]) ? named[n++] : always[a++]];
            if (!RuleBook.Runs(plan, step.Options.IncludeDraftRules) || !step.Matches(plan.Signal.Event.Filter, e.Properties, e.Properties))
            {
                continue;
            }

            if (Tenure.Excludes(step, plan, e.EventTime))
            {
                step.Emit(new Suppressed(e.EventTime, plan.Name, plan.Version, null, null, SuppressionReason.OutsideTenure, null));
                continue;
            }

            var existing = WindowOf(step.State, plan.Name);
            if (existing is null)
            {
                OpenNew(step, plan, e);
            }
            else if (RestartsOnRepeat(plan) && e.EventTime > existing.Anchor)
            {
                Restart(step, existing, e);
            }
        }
    }

    private static PendingWindow? WindowOf(CustomerState state, string rule)
    {
        foreach (var window in state.WindowsView)
        {
            if (window.Rule == rule)
            {
                return window;
            }
        }

        return null;
    }

    private static bool RestartsOnRepeat(RulePlan plan)
    {
        if (plan.Signal.Kind == SignalKind.Recency || plan.Absences.Count == 0)
        {
            return true;
        }

        for (var i = 0; i < plan.Absences.Count; i++)
        {
            if (plan.Absences[i].Anchor == WindowAnchor.LatestSignal)
            {
                return true;
            }
        }

        return false;
    }

    private static void OpenNew(StepContext step, RulePlan plan, EventInput e)
    {
        var arm = Assignment.Assign(plan, step.State.CustomerId, step.Options.ExperimentSalt);
        var window = new PendingWindow
        {
            Rule = plan.Name,
            Version = plan.Version,
            // The opening message id keeps two windows whose signals share a millisecond apart (caps, idempotency keys).
            WindowId = $"{plan.Name}@{e.EventTime.ToUnixTimeMilliseconds()}/{e.MessageId}",
            Signal = SignalOf(e),
            Control = arm.Control,
            Variant = arm.Variant,
        };
        WindowStages.Begin(window, plan, e.EventTime);
        step.State.Windows.Add(window);
        step.Emit(new WindowOpened(e.EventTime, plan.Name, plan.Version, window.WindowId, OpenReason.Opened, window.Deadline));
        WindowProgress.CatchUp(step, window, plan);
    }

    private static void Restart(StepContext step, PendingWindow window, EventInput e)
    {
        var plan = step.PlanOf(window)!;
        window.Signal = SignalOf(e);
        WindowStages.Begin(window, plan, e.EventTime);
        step.Emit(new WindowOpened(e.EventTime, window.Rule, window.Version, window.WindowId, OpenReason.Restarted, window.Deadline));
        WindowProgress.CatchUp(step, window, plan);
    }

    /// <summary>
    /// The signal's properties, kept by the window. An input is never changed once applied (recent
    /// events keep theirs too), so a read-only map or an ordinal dictionary is kept as it is rather
    /// than copied for every window: a backtest opens millions.
    /// </summary>
    private static IReadOnlyDictionary<string, object?> SignalOf(EventInput e) =>
        e.Properties is PropertyMap
        || (e.Properties is Dictionary<string, object?> properties
            && (ReferenceEquals(properties.Comparer, StringComparer.Ordinal) || ReferenceEquals(properties.Comparer, EqualityComparer<string>.Default)))
            ? e.Properties
            : new Dictionary<string, object?>(e.Properties, StringComparer.Ordinal);
}
