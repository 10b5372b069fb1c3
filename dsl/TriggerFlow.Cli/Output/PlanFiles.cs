using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Cli.Output;

/// <summary>A file <c>compile</c> writes: its path inside the output folder, and its JSON.</summary>
internal sealed record PlanFile(string RelativePath, string Json);

/// <summary>The files <c>compile --emit</c> produces from a plan set.</summary>
internal static class PlanFiles
{
    public const string Plan = "plan";
    public const string RulesEngine = "rulesengine";

    /// <summary>The files for <paramref name="emit"/>, the whole-set document first.</summary>
    public static IReadOnlyList<PlanFile> For(PlanSet plans, string emit) => emit switch
    {
        RulesEngine => [new PlanFile("rulesengine.json", PlanJson.EmitRulesEngine(plans))],
        _ => [new PlanFile("plans.json", PlanJson.Serialize(plans)), .. plans.Rules.Select(Rule)],
    };

    // Rules get a folder of their own so no rule name can collide with plans.json.
    private static PlanFile Rule(RulePlan plan) => new($"rules/{plan.Name}.json", PlanJson.Serialize(plan));
}
