using System.Runtime.CompilerServices;

namespace TriggerFlow.Language.Tests.Robustness;

/// <summary>The repository's real rules folder, whose files seed the truncation and mutation cases.</summary>
internal static class RulesFolder
{
    public static string Path { get; } = Find();

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

    // The test binaries may be built outside the repository (--artifacts-path), so the source
    // file's own location is the fallback; CI builds (path-mapped) run from inside the repository.
    private static string Find([CallerFilePath] string source = "") =>
        Ancestors(AppContext.BaseDirectory).Concat(Ancestors(System.IO.Path.GetDirectoryName(source) ?? ""))
            .Select(d => System.IO.Path.Combine(d, "rules"))
            .FirstOrDefault(d => File.Exists(System.IO.Path.Combine(d, "catalog.yaml")))
        ?? throw new InvalidOperationException("the rules folder (rules/catalog.yaml) was not found above the test binaries or sources");

    private static IEnumerable<string> Ancestors(string start)
    {
        for (var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            yield return directory.FullName;
        }
    }
}
