using System.Text.Json.Serialization;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Compilation;

/// <summary>
/// One rule, compiled: every default filled in, segments expanded, durations in whole seconds.
/// Immutable and content-addressed: <see cref="Version"/> changes exactly when what the rule
/// does changes, never when only its layout, comments or file do.
/// </summary>
/// <param name="Version">
/// The first 16 lowercase hex digits of the SHA-256 of the plan's canonical JSON without
/// <c>version</c> and <c>source</c> (see <c>docs/plans.md</c>).
/// </param>
/// <param name="ActiveUntil">Inclusive: the rule still runs on this day.</param>
/// <param name="WaitSeconds">The fixed delay before the send; null when the rule has no <c>wait</c>.</param>
/// <param name="Audience">Who the rule is for; null when it is for everyone.</param>
/// <param name="Actions">The sends, ordered by channel.</param>
/// <param name="Caps">This rule's per-customer caps, in a canonical order.</param>
/// <param name="ControlPercent">The holdout share, 10 for <c>control 10%</c>; null when there is none.</param>
/// <param name="Variants">The test arms in the order written: assignment depends on it.</param>
public sealed record RulePlan(
    string Name,
    string Version,
    string Owner,
    RuleStatusKind Status,
    int Priority,
    DateOnly? ActiveFrom,
    DateOnly? ActiveUntil,
    SignalPlan Signal,
    IReadOnlyList<SequenceStepPlan> Sequence,
    IReadOnlyList<AbsencePlan> Absences,
    long? WaitSeconds,
    TenurePlan? Tenure,
    AudiencePlan? Audience,
    IReadOnlyList<ActionPlan> Actions,
    IReadOnlyList<CapPlan> Caps,
    QuietHoursPlan QuietHours,
    decimal? ControlPercent,
    IReadOnlyList<VariantPlan> Variants,
    GoalPlan? Goal,
    int? MinimumSample,
    SourcePlan Source)
{
    /// <summary>The plan format this code writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyOrder(-1)]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
}

/// <summary>An event by catalog name, with its filter; <c>of "x"</c> is already <c>subject = "x"</c> in it.</summary>
public sealed record EventMatchPlan(string Name, ConditionPlan? Filter);

public enum SignalKind
{
    /// <summary>The event itself opens the window.</summary>
    Event,

    /// <summary>The window opens <see cref="SignalPlan.AfterSeconds"/> after the latest matching event.</summary>
    Recency,
}

/// <summary>What opens the rule's window.</summary>
/// <param name="AfterSeconds">For a recency signal, how long after the latest event; null otherwise.</param>
public sealed record SignalPlan(SignalKind Kind, EventMatchPlan Event, long? AfterSeconds);

/// <summary><c>then added to cart within 1h</c>.</summary>
public sealed record SequenceStepPlan(EventMatchPlan Event, long WithinSeconds);

/// <summary><c>without purchase within 24h</c>, anchored on the latest signal unless told otherwise.</summary>
public sealed record AbsencePlan(EventMatchPlan Event, long WithinSeconds, WindowAnchor Anchor);

/// <summary><c>within 90d of first purchase</c>.</summary>
public sealed record TenurePlan(long WithinSeconds, EventMatchPlan Event);

/// <summary>Who the rule is for: the condition tree and the same condition as a RulesEngine workflow.</summary>
public sealed record AudiencePlan(ConditionPlan Condition, AudienceWorkflowPlan Workflow);

/// <summary>One named template parameter; <c>10% offer</c> is <c>offer</c> = 10%.</summary>
public sealed record ParameterPlan(string Name, Literal Value);

/// <summary>A send; the template defaults to the rule's name.</summary>
/// <param name="Parameters">Ordered by name.</param>
public sealed record ActionPlan(string Channel, string Template, IReadOnlyList<ParameterPlan> Parameters);

public enum CapScopeKind
{
    /// <summary>A sliding window of <see cref="CapPlan.WindowSeconds"/>.</summary>
    Window,

    /// <summary>Once per distinct value of the signal's <see cref="CapPlan.Property"/>.</summary>
    Property,

    /// <summary>Over the customer's whole history with the rule.</summary>
    Ever,
}

/// <summary><c>at most 1 per 7d</c>, <c>at most 1 per cart</c>, <c>at most 2 ever</c>.</summary>
public sealed record CapPlan(int Count, CapScopeKind Per, long? WindowSeconds, string? Property);

/// <summary>A span of the customer's local day; it wraps past midnight when the end is before the start.</summary>
public sealed record TimeRangePlan(TimeOnly Start, TimeOnly End);

/// <summary>What quiet hours do to this rule's messages.</summary>
/// <param name="Hours">The rule's own hours; null to use the governance default.</param>
public sealed record QuietHoursPlan(QuietHoursPolicy Policy, TimeRangePlan? Hours);

/// <summary>One test arm; each null override falls back to the rule's send.</summary>
/// <param name="Parameters">Parameters that replace or add to the send's; ordered by name.</param>
public sealed record VariantPlan(string Name, decimal Weight, string? Channel, string? Template, long? WaitSeconds, IReadOnlyList<ParameterPlan> Parameters);

/// <summary>The conversion a test is judged on.</summary>
public sealed record GoalPlan(EventMatchPlan Event, long WithinSeconds);

/// <summary>Where the rule was written. Not part of <see cref="RulePlan.Version"/>: moving a rule changes nothing it does.</summary>
public sealed record SourcePlan(string File, int Line);
