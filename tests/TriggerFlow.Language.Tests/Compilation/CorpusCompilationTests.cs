using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Syntax;
using TriggerFlow.Language.Workspace;
using static TriggerFlow.Language.Tests.Compilation.CompilerHarness;

namespace TriggerFlow.Language.Tests.Compilation;

/// <summary>Every rule in the repository's <c>rules/</c> folder compiles, and its audience runs on any profile.</summary>
public sealed class CorpusCompilationTests
{
    /// <summary>Read at run time, so rule files added later are covered too.</summary>
    public static TheoryData<string> RuleFiles()
    {
        var shared = SharedFiles.Select(f => Path.GetFileName(f.Path)).ToHashSet(StringComparer.Ordinal);
        return [.. Directory.EnumerateFiles(RulesPath, "*" + RuleWorkspace.Extension, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RulesPath, f).Replace('\\', '/'))
            .Where(f => !shared.Contains(f))
            .Order(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public async Task Each_rule_file_compiles_with_the_shared_files_and_its_audiences_are_null_safe(string file)
    {
        var source = Read(file);
        var plans = Plans(source);

        Assert.Equal(RuleCount(source), plans.Rules.Count);
        var evaluator = new AudienceEvaluator(plans.Rules);
        var nobody = new Dictionary<string, object?>();
        foreach (var rule in plans.Rules)
        {
            Assert.Matches("^[0-9a-f]{16}$", rule.Version);

            // A customer with no traits at all must be evaluated, not crash the workflow.
            var matches = await evaluator.EvaluateAsync(rule.Name, nobody, nobody);
            Assert.True(rule.Audience is not null || matches);
        }
    }

    [Fact]
    public void The_whole_rules_folder_compiles_deterministically()
    {
        Assert.True(RuleWorkspace.TryLoad([RulesPath], out var load, out var error), error);

        var first = RuleCompiler.Compile(load!.Set);
        var second = RuleCompiler.Compile(load.Set);

        Assert.True(first.Succeeded, string.Join(Environment.NewLine, first.Diagnostics));
        Assert.Equal(load.Set.Rules.Count(), first.Plans!.Rules.Count);
        Assert.Equal(PlanJson.Serialize(first.Plans), PlanJson.Serialize(second.Plans!));
    }

    private static int RuleCount(SourceFile file) =>
        RuleSet.FromSources(CatalogFile, [file]).Files.Single().Declarations.OfType<RuleSyntax>().Count();
}
