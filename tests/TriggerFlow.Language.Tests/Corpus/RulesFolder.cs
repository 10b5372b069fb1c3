using TriggerFlow.Language.Checking;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Tests.Support;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Language.Tests.Corpus;

/// <summary>
/// The repository's <c>rules/</c> folder, and temporary copies of it that tests add files to
/// (a documentation example, the one-line form) to check them against the real catalog,
/// segments and governance.
/// </summary>
internal static class RulesFolder
{
    public static string Path => System.IO.Path.Combine(Repository.Root, "rules");

    /// <summary>The <c>.trigger</c> files of <c>rules/</c>, relative to it, with forward slashes.</summary>
    public static IReadOnlyList<string> TriggerFiles() =>
        Directory.EnumerateFiles(Path, "*" + RuleWorkspace.Extension, SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Path, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The rule files proper: every file but the shared segments and governance.</summary>
    public static IReadOnlyList<string> RuleFiles() =>
        TriggerFiles().Where(f => f is not ("segments.trigger" or "governance.trigger")).ToList();

    /// <summary>Loads <c>rules/</c> as the CLI does.</summary>
    public static RuleSet Load() => LoadFolder(Path);

    /// <summary>Every diagnostic for <c>rules/</c>, read and semantic.</summary>
    public static IReadOnlyList<Diagnostic> Check() => RuleChecker.Check(Load());

    /// <summary>
    /// Copies <c>rules/</c> to a temporary folder, writes <paramref name="text"/> there as
    /// <paramref name="fileName"/> (replacing a file of that name), and checks the whole set.
    /// </summary>
    public static IReadOnlyList<Diagnostic> CheckWith(string fileName, string text)
    {
        var copy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "triggerflow-corpus-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
            {
                var target = System.IO.Path.Combine(copy, System.IO.Path.GetRelativePath(Path, file));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var written = System.IO.Path.Combine(copy, fileName);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(written)!);
            File.WriteAllText(written, text);
            return RuleChecker.Check(LoadFolder(copy));
        }
        finally
        {
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }
        }
    }

    /// <summary>Diagnostics as the CLI prints them, one a line, for assertion messages.</summary>
    public static string Show(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => $"{d} ({d.Hint})"));

    private static RuleSet LoadFolder(string folder)
    {
        Assert.True(RuleWorkspace.TryLoad([folder], out var load, out var error), error);
        return load!.Set;
    }
}
