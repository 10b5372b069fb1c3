using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Language.Workspace;

/// <summary>A rules folder read from disk, and which of its files the user asked about.</summary>
/// <param name="Root">The folder holding <c>catalog.yaml</c>.</param>
/// <param name="Requested">The rule files named on the command line (all of them when a folder was named).</param>
public sealed record WorkspaceLoad(string Root, RuleSet Set, IReadOnlyList<string> Requested);

/// <summary>
/// Finds and reads a rules folder. The folder is the nearest one, from the given path upwards,
/// that holds <c>catalog.yaml</c>; all of its <c>.trigger</c> files are read, even when only
/// one was named, because segments, channel caps and rule names are shared across files.
/// </summary>
public static class RuleWorkspace
{
    /// <summary>The rule file extension.</summary>
    public const string Extension = ".trigger";

    /// <summary>Reads the workspace holding <paramref name="paths"/>; an I/O problem is returned as <paramref name="error"/>.</summary>
    public static bool TryLoad(IReadOnlyList<string> paths, out WorkspaceLoad? load, out string? error)
    {
        ArgumentNullException.ThrowIfNull(paths);
        load = null;
        var targets = paths.Count == 0 ? ["rules"] : paths;
        var missing = targets.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
        if (missing is not null)
        {
            error = $"`{missing}` does not exist";
            return false;
        }

        var root = FindRoot(targets[0]);
        if (root is null)
        {
            error = $"no {EventCatalog.FileName} found in `{targets[0]}` or any folder above it; the rules folder must hold the event catalog";
            return false;
        }

        try
        {
            var catalogPath = Display(Path.Combine(root, EventCatalog.FileName));
            var catalog = new SourceFile(catalogPath, File.ReadAllText(Path.Combine(root, EventCatalog.FileName)));
            var files = Directory.EnumerateFiles(root, "*" + Extension, SearchOption.AllDirectories)
                .Select(f => new SourceFile(Display(f), ReadLimited(f)))
                .ToList();
            var requested = targets
                .SelectMany(t => Directory.Exists(t) ? Directory.EnumerateFiles(t, "*" + Extension, SearchOption.AllDirectories) : [t])
                .Select(Display)
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();
            var outside = requested.FirstOrDefault(r => !files.Any(f => f.Path == r));
            if (outside is not null)
            {
                error = $"`{outside}` is not a {Extension} file under the rules folder `{Display(root)}`";
                return false;
            }

            load = new WorkspaceLoad(Display(root), RuleSet.FromSources(catalog, files), requested);
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>The nearest folder at or above <paramref name="path"/> that holds the catalog.</summary>
    public static string? FindRoot(string path)
    {
        var directory = new DirectoryInfo(Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!);
        while (directory is not null)
        {
            if (File.Exists(Path.Combine(directory.FullName, EventCatalog.FileName)))
            {
                return directory.FullName;
            }

            directory = directory.Parent;
        }

        return null;
    }

    /// <summary>Paths are shown relative to the current folder, with forward slashes, as CI annotations expect.</summary>
    public static string Display(string path) =>
        Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(path)).Replace('\\', '/');

    private static string ReadLimited(string path)
    {
        // Over-large files are not read whole: the parser reports them from their length alone.
        var info = new FileInfo(path);
        return info.Length > Parsing.SourceText.MaxLength
            ? new string(' ', Parsing.SourceText.MaxLength + 1)
            : File.ReadAllText(path);
    }

}
