using TriggerFlow.Language.Checking;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Tests.Support;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Language.Tests.Checking;

/// <summary>The repository's real catalog and shared rule files, with rule files under test beside them.</summary>
internal static class RulesFolder
{
    public const string TestPath = "rules/welcome.trigger";

    private static readonly string[] SharedFiles = ["segments.trigger", "governance.trigger"];

    public static SourceFile Catalog => Read("catalog.yaml");

    public static IReadOnlyList<SourceFile> Shared => SharedFiles.Select(Read).ToList();

    /// <summary>Checks <paramref name="text"/> as <c>rules/welcome.trigger</c> against the real catalog, segments and governance.</summary>
    public static IReadOnlyList<Diagnostic> Check(string text, string path = TestPath) => RuleChecker.Check(Set(new SourceFile(path, text)));

    /// <summary>Only the diagnostics in the file under test, which the shared files must not add to.</summary>
    public static IReadOnlyList<Diagnostic> CheckFile(string text, string path = TestPath) => Check(text, path).Where(d => d.Path == path).ToList();

    public static RuleSet Set(params SourceFile[] files) => RuleSet.FromSources(Catalog, Shared.Concat(files));

    private static SourceFile Read(string name) => new("rules/" + name, File.ReadAllText(Path.Combine(Repository.Root, "rules", name)));
}
