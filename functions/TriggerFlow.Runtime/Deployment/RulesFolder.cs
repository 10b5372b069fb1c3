using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Runtime.Deployment;

/// <summary>The rules folder a fresh host deploys at start-up (<c>TriggerFlow:RulesFolder</c>).</summary>
internal static class RulesFolder
{
    /// <summary>
    /// An absolute path as it is; a relative one under the content root or the nearest folder above
    /// it that has it, so <c>rules</c> finds the repository's folder whether the host runs from the
    /// repository root or from its project folder. Null when no such folder exists.
    /// </summary>
    public static string? Resolve(string contentRoot, string configured)
    {
        if (Path.IsPathRooted(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, configured);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Reads the folder's catalog and rule files; an I/O problem is thrown, as start-up cannot go on without them.</summary>
    public static RulePackage Read(string folder)
    {
        if (!RuleWorkspace.TryLoad([folder], out var load, out var error))
        {
            throw new InvalidOperationException($"cannot read the rules folder `{folder}`: {error}");
        }

        var catalogPath = Path.Combine(load!.Root, EventCatalog.FileName);
        var catalog = new SourceFile(RuleWorkspace.Display(catalogPath), File.ReadAllText(catalogPath));
        return new RulePackage(catalog, load.Set.Sources);
    }
}
