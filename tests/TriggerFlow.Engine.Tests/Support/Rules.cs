using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Engine.Tests.Support;

/// <summary>Compiles rule text against the real catalog and segments of <c>rules/</c>.</summary>
internal static class Rules
{
    private static readonly Lazy<string> Root = new(() =>
        typeof(Rules).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .First(a => a.Key == "RepositoryRoot").Value!);

    public static string RulesFolder => Path.Combine(Root.Value, "rules");

    /// <summary>
    /// The plans of <paramref name="ruleText"/>, with the real segments and the given governance
    /// (by default no channel caps and no quiet hours, so each test states the governance it tests).
    /// </summary>
    public static PlanSet Compile(string ruleText, string governance = "")
    {
        var catalog = new SourceFile("rules/catalog.yaml", File.ReadAllText(Path.Combine(RulesFolder, "catalog.yaml")));
        var files = new List<SourceFile>
        {
            new("rules/segments.trigger", File.ReadAllText(Path.Combine(RulesFolder, "segments.trigger"))),
            new("rules/test.trigger", ruleText),
        };
        if (governance.Length > 0)
        {
            files.Add(new SourceFile("rules/governance.trigger", governance));
        }

        var result = RuleCompiler.Compile(RuleSet.FromSources(catalog, files));
        return result.Plans ?? throw new InvalidOperationException(
            "rules do not compile:\n" + string.Join('\n', result.Diagnostics.Where(d => d.IsError)));
    }
}
