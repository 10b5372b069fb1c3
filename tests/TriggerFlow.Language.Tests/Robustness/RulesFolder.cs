using TriggerFlow.Language.Tests.Support;

namespace TriggerFlow.Language.Tests.Robustness;

/// <summary>The repository's real rules folder, whose files seed the truncation and mutation cases.</summary>
internal static class RulesFolder
{
    public static string Path { get; } = System.IO.Path.Combine(Repository.Root, "rules");

    public static string CatalogText => File.ReadAllText(System.IO.Path.Combine(Path, "catalog.yaml"));

    /// <summary>Every file of the folder as (name, text), the catalog included; read at run time so new rule files are covered too.</summary>
    public static IReadOnlyList<(string Name, string Text)> Files() =>
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".trigger", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (System.IO.Path.GetRelativePath(Path, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();

    public static IReadOnlyList<(string Name, string Text)> TriggerFiles() =>
        Files().Where(f => f.Name.EndsWith(".trigger", StringComparison.Ordinal)).ToList();
}
