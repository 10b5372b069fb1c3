using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TriggerFlow.Language.Compilation;

/// <summary>
/// Content hashes: the first 16 lowercase hex digits (64 bits) of a SHA-256 of canonical JSON.
/// Where a rule was written (<c>source</c>) is left out, so moving or reformatting a rule keeps
/// its version; 64 bits keep versions short in logs while collisions stay negligible at the
/// scale of a rules folder.
/// </summary>
internal static class PlanHashing
{
    private const int Length = 16;

    public static RulePlan WithVersion(RulePlan plan)
    {
        var node = JsonSerializer.SerializeToNode(plan, PlanJson.Canonical)!.AsObject();
        node.Remove("version");
        node.Remove("source");
        return plan with { Version = Hash(node) };
    }

    /// <summary>The set's version: its rules' names and versions, and the governance.</summary>
    public static string SetVersion(IReadOnlyList<RulePlan> rules, GovernancePlan governance)
    {
        var node = new JsonObject
        {
            ["rules"] = new JsonArray([.. rules.Select(r => (JsonNode)new JsonArray(r.Name, r.Version))]),
            ["governance"] = JsonSerializer.SerializeToNode(governance, PlanJson.Canonical),
        };
        return Hash(node);
    }

    private static string Hash(JsonNode node) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(node.ToJsonString(PlanJson.Canonical))))[..Length];
}
