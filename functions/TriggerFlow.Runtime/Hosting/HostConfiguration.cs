using Microsoft.Extensions.Configuration.Json;

namespace TriggerFlow.Runtime.Hosting;

/// <summary>Where the host-wide settings file is: <c>host.json</c> at the content root or any folder above it.</summary>
internal static class HostConfiguration
{
    /// <summary>
    /// Adds <c>host.json</c> as the LOWEST-precedence source: appsettings, environment variables
    /// and the command line (already added by the web builder) all override it, as .NET
    /// configuration users expect.
    /// </summary>
    public static void AddHostJson(ConfigurationManager configuration, string contentRoot)
    {
        var source = new JsonConfigurationSource { Path = FileName(contentRoot), Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        configuration.Sources.Insert(0, source);
    }

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
