using System.Globalization;
using NodaTime;
using NodaTime.Text;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Simulation.Explain;

/// <summary>Says, in words, what each decision and input means for the customer and why.</summary>
internal sealed class DecisionText(PlanSet plans)
{
    private readonly Dictionary<string, RulePlan> _plans = plans.Rules.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <param name="causes">The customer's events by message id, to name what cancelled a window.</param>
    public (string Kind, string Text) Describe(Decision decision, IReadOnlyDictionary<string, (string Name, long Line)> causes) => decision switch
    {
        WindowOpened { Reason: OpenReason.Opened } o => ("opened", $"{o.Rule}: window opened; {Awaits(o)}"),
        WindowOpened o => ("restarted", $"{o.Rule}: window restarted by a newer signal; {Awaits(o)}"),
        WindowClosed c => Closed(c, causes),
        SendDecision s => ("sent", $"{s.Rule}: sent {s.Channel} \"{s.Template}\"{Arm(s.Variant)}{Parameters(s.Parameters)}"),
        Suppressed { Reason: SuppressionReason.QuietHoursHeld } s => ("held", $"{s.Rule}: {s.Channel} held by quiet hours, {s.Detail}"),
        Suppressed s => ("not sent", $"{s.Rule}: {(s.Channel is null ? "" : s.Channel + " ")}not sent: {Why(s)}"),
        LateEventIgnored l => ("late", $"{l.Event} ({l.MessageId}) arrived {Span(l.Lateness)} after it happened, beyond the allowed lateness: ignored"),
        _ => ("decision", decision.ToString()),
    };

    public static string Input(EngineInput input) => input switch
    {
        EventInput e => $"{e.Name}{Properties(e.Properties)}",
        ProfileInput p => Profile(p),
        _ => "",
    };

    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        LocalDate d => LocalDatePattern.Iso.Format(d),
        Instant i => InstantPattern.ExtendedIso.Format(i),
        IEnumerable<object?> list => $"[{string.Join(", ", list.Select(Value))}]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private string Awaits(WindowOpened opened)
    {
        // A window always opens (or restarts) at its first stage: the first sequence step, or the wait.
        var due = Timeline.Format(opened.Deadline);
        if (!_plans.TryGetValue(opened.Rule, out var plan))
        {
            return $"decides at {due}";
        }

        if (plan.Sequence.Count > 0)
        {
            return $"needs {plan.Sequence[0].Event.Name} by {due}";
        }

        return plan.Absences.Count == 0
            ? $"decides at {due}"
            : $"decides at {due} unless {string.Join(" or ", plan.Absences.Select(a => a.Event.Name).Distinct())} happens first";
    }

    private (string, string) Closed(WindowClosed closed, IReadOnlyDictionary<string, (string Name, long Line)> causes) => closed.Reason switch
    {
        CloseReason.Cancelled when closed.Cause is { } id && causes.TryGetValue(id, out var cause) =>
            ("cancelled", $"{closed.Rule}: window cancelled by {cause.Name} ({id}, line {cause.Line.ToString(CultureInfo.InvariantCulture)})"),
        CloseReason.Cancelled => ("cancelled", $"{closed.Rule}: window cancelled by {closed.Cause}"),
        CloseReason.Expired => ("expired", $"{closed.Rule}: window expired: {Steps(closed.Rule)} did not happen in time"),
        CloseReason.RulePaused => ("closed", $"{closed.Rule}: window closed: the rule is paused or withdrawn"),
        _ => ("due", $"{closed.Rule}: window due and nothing cancelled it: the rule fires"),
    };

    private string Steps(string rule) =>
        _plans.TryGetValue(rule, out var plan) ? string.Join(" then ", plan.Sequence.Select(s => s.Event.Name)) : "the next step";

    private static string Why(Suppressed s) => s.Reason switch
    {
        SuppressionReason.OutsideActivePeriod => "outside the rule's active period",
        SuppressionReason.NotInAudience => "not in the audience when the window fired (profile or signal does not match)",
        SuppressionReason.ControlGroup => "in the control group (an exposure, never a send)",
        SuppressionReason.NoConsent => "no consent for the channel",
        SuppressionReason.FrequencyCap => $"the rule's cap ({s.Detail})",
        SuppressionReason.ChannelCap => $"the channel's cap ({s.Detail})",
        SuppressionReason.CollisionLost => $"collided with {s.Detail}, sent within the collision interval",
        SuppressionReason.QuietHoursDropped => $"dropped in quiet hours ({s.Detail})",
        _ => "outside the customer's tenure window",
    };

    private static string Arm(string? variant) => variant is null ? "" : $" (variant {variant})";

    private static string Parameters(IReadOnlyDictionary<string, object?> parameters) =>
        parameters.Count == 0 ? "" : " with " + string.Join(", ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {Value(p.Value)}"));

    private static string Properties(IReadOnlyDictionary<string, object?> properties) =>
        properties.Count == 0 ? "" : " " + string.Join(", ", properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {Value(p.Value)}"));

    private static string Profile(ProfileInput profile)
    {
        var parts = profile.Traits.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} = {Value(t.Value)}")
            .Concat(profile.Consent.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} consent {(c.Value ? "given" : "withdrawn")}"))
            .ToList();
        return parts.Count == 0 ? "identify (nothing the catalog knows)" : string.Join(", ", parts);
    }

    private static string Span(Duration duration) => duration.ToString("-H'h'mm'm'ss's'", CultureInfo.InvariantCulture);
}
