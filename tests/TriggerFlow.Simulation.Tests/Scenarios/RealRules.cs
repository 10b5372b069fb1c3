using TriggerFlow.Engine.Tests.Support;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Workspace;
using TriggerFlow.Simulation.Scenarios;

namespace TriggerFlow.Simulation.Tests.Scenarios;

/// <summary>The repository's <c>rules/</c> folder compiled once, and a scenario runner over it.</summary>
internal static class RealRules
{
    private static readonly Lazy<(RuleSet Set, PlanSet Plans)> Compiled = new(() =>
    {
        if (!RuleWorkspace.TryLoad([Rules.RulesFolder], out var load, out var error))
        {
            throw new InvalidOperationException(error);
        }

        var result = RuleCompiler.Compile(load!.Set);
        return (load.Set, result.Plans ?? throw new InvalidOperationException("rules/ does not compile"));
    });

    public static string Root => Path.GetDirectoryName(Rules.RulesFolder)!;

    public static ScenarioRunner Runner => new(Compiled.Value.Set.Catalog, Compiled.Value.Plans);

    public static PlanSet Plans => Compiled.Value.Plans;

    public static ScenarioFileResult Run(string text, string path = "rules/test.scenario") => Runner.Run(path, text);
}
