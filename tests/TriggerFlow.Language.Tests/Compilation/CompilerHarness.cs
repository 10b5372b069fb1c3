using System.Text.Json;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Tests.Support;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Language.Tests.Compilation;

/// <summary>Compiles rules written in a test against the real catalog, segments and governance of <c>rules/</c>.</summary>
internal static class CompilerHarness
{
    public static string RulesPath { get; } = Path.Combine(Repository.Root, "rules");

    /// <summary>The shared files every rule is compiled with.</summary>
    public static IReadOnlyList<SourceFile> SharedFiles { get; } = [Read("segments.trigger"), Read("governance.trigger")];

    public static SourceFile CatalogFile { get; } = Read("catalog.yaml");

    public static SourceFile Read(string name) => new("rules/" + name, File.ReadAllText(Path.Combine(RulesPath, name)));

    public static CompilationResult Compile(params SourceFile[] files) =>
        RuleCompiler.Compile(RuleSet.FromSources(CatalogFile, [.. SharedFiles, .. files]));

    /// <summary>The compiled set, failing the test with every diagnostic when it does not compile.</summary>
    public static PlanSet Plans(params SourceFile[] files)
    {
        var result = Compile(files);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Plans!;
    }

    /// <summary>The plan of the one rule in <paramref name="text"/>.</summary>
    public static RulePlan Rule(string text, string path = "rules/test-rule.trigger") =>
        Assert.Single(Plans(new SourceFile(path, text)).Rules);

    /// <summary>A rule on <c>viewed product</c> with <paramref name="audience"/>, for audience tests.</summary>
    public static RulePlan Audience(string audience) => Rule($"""
        rule "audience-test"
          when viewed product
          and {audience}
          send email template "related-products"
        """);

    /// <summary>A string literal in rule syntax.</summary>
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A profile or signal written as JSON, its values left as <see cref="JsonElement"/>s as a JSON body would give them.</summary>
    public static IReadOnlyDictionary<string, object?> Values(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToDictionary(p => p.Key, p => (object?)p.Value);

    public static Task<bool> EvaluateAsync(RulePlan rule, string profile, string signal = "{}") =>
        new AudienceEvaluator([rule]).EvaluateAsync(rule.Name, Values(profile), Values(signal));
}
