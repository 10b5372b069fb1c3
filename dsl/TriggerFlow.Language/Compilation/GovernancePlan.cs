using System.Text.Json.Serialization;

namespace TriggerFlow.Language.Compilation;

/// <summary>Caps and quiet hours that apply to every rule together.</summary>
/// <param name="ChannelCaps">Ordered by channel.</param>
/// <param name="DefaultQuietHours">Null when the rules folder declares none.</param>
public sealed record GovernancePlan(IReadOnlyList<ChannelCapsPlan> ChannelCaps, TimeRangePlan? DefaultQuietHours);

/// <summary><c>channel email at most 1 per 1d and at most 3 per 7d</c>.</summary>
/// <param name="Caps">Ordered by window, then count.</param>
public sealed record ChannelCapsPlan(string Channel, IReadOnlyList<ChannelCapPlan> Caps);

public sealed record ChannelCapPlan(int Count, long WindowSeconds);

/// <summary>Everything a deployment needs: every rule's plan and the governance.</summary>
/// <param name="Version">
/// The first 16 hex digits of the SHA-256 of the rules' names and versions and the governance's
/// canonical JSON; like a rule's version it ignores where things were written.
/// </param>
/// <param name="Rules">Ordered by name.</param>
public sealed record PlanSet(string Version, IReadOnlyList<RulePlan> Rules, GovernancePlan Governance)
{
    [JsonPropertyOrder(-1)]
    public int SchemaVersion { get; init; } = RulePlan.CurrentSchemaVersion;
}
