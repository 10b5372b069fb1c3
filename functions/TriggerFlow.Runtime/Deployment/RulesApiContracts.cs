using System.Text.Json;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Runtime.Deployment;

/// <summary>A rules folder to deploy: the catalog and every rule file, each with the path its diagnostics should show.</summary>
public sealed record DeployRulesRequest(RuleFileBody Catalog, IReadOnlyList<RuleFileBody> Files);

/// <summary>One file of a deploy request.</summary>
/// <param name="Path">Shown in diagnostics, e.g. <c>rules/welcome.trigger</c>.</param>
public sealed record RuleFileBody(string Path, string Text);

/// <summary>The deployment now active.</summary>
/// <param name="Deployment">The deployment's number in the registry.</param>
/// <param name="Unchanged">True when the request deployed what was already active: nothing changed.</param>
public sealed record DeployRulesResponse(string Version, int Deployment, bool Unchanged, IReadOnlyList<RuleSummary> Rules);

/// <summary>One deployed rule.</summary>
/// <param name="Status">As written in the rule: <c>draft</c>, <c>test</c>, <c>always-on</c> or <c>paused</c>.</param>
public sealed record RuleSummary(string Name, string Version, string Status)
{
    public static IReadOnlyList<RuleSummary> Of(PlanSet plans) =>
        [.. plans.Rules.Select(r => new RuleSummary(r.Name, r.Version, JsonNamingPolicy.KebabCaseLower.ConvertName(r.Status.ToString())))];
}

/// <summary>What <c>GET /api/rules</c> shows: the active deployment and those before it.</summary>
/// <param name="Active">Null before the first deployment.</param>
/// <param name="Previous">Earlier deployments, newest first.</param>
public sealed record RulesStatusResponse(DeploymentView? Active, IReadOnlyList<DeploymentView> Previous);

/// <summary>One deployment as ops see it.</summary>
/// <param name="Origin"><c>api</c>, or <c>startup</c> for the rules folder a fresh host deployed.</param>
/// <param name="Rules">The rules, for the active deployment only (empty for earlier ones).</param>
public sealed record DeploymentView(
    int Deployment,
    string Version,
    DateTimeOffset DeployedAt,
    string DeployedBy,
    string Origin,
    DateTimeOffset? RolledBackAt,
    string? RolledBackBy,
    IReadOnlyList<RuleSummary> Rules);

/// <summary>The deployment a rollback activated.</summary>
public sealed record RollbackResponse(string Version, int Deployment, string RolledBackFrom);
