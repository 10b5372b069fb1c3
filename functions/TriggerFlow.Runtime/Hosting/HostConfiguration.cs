namespace TriggerFlow.Runtime.Hosting;

/// <summary>Where the host-wide settings file is: <c>host.json</c> at the content root or any folder above it.</summary>
internal static class HostConfiguration
{
    public static string FileName(string contentRoot)
    {
        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "host.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(contentRoot, "host.json");
    }
}
