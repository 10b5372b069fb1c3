namespace TriggerFlow.Cli.Output;

/// <summary>
/// Replaces a folder's contents all at once: files are written to a hidden sibling folder that is
/// moved into place only when complete, so a failure never leaves a mix of old and new plans.
/// </summary>
internal static class AtomicFolder
{
    public static void Replace(string folder, IReadOnlyList<PlanFile> files)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            WriteAll(staging, files);
            Swap(staging, full);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void WriteAll(string folder, IReadOnlyList<PlanFile> files)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Json + "\n");
        }
    }

    private static void Swap(string staging, string folder)
    {
        if (!Directory.Exists(folder))
        {
            Directory.Move(staging, folder);
            return;
        }

        var old = staging + ".old";
        Directory.Move(folder, old);
        try
        {
            Directory.Move(staging, folder);
        }
        catch (IOException)
        {
            Directory.Move(old, folder);
            throw;
        }

        Directory.Delete(old, recursive: true);
    }
}
