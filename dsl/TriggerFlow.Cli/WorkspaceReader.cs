using System.Diagnostics.CodeAnalysis;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Cli;

/// <summary>Reads the rules folder for a command, reporting a missing path or catalog as a usage error.</summary>
internal static class WorkspaceReader
{
    public static bool TryRead(CliContext context, IReadOnlyList<string> paths, [NotNullWhen(true)] out WorkspaceLoad? load)
    {
        if (RuleWorkspace.TryLoad(paths.Select(context.Resolve).ToList(), out var loaded, out var error))
        {
            load = loaded!;
            return true;
        }

        context.Error.WriteLine($"error: {error}");
        load = null;
        return false;
    }
}
