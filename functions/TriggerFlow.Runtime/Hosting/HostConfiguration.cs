using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

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
        ArgumentNullException.ThrowIfNull(configuration);
        var source = new JsonConfigurationSource { Path = FileName(contentRoot), Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        configuration.Sources.Insert(0, source);

        // Below host.json: the defaults every other source overrides.
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LoggingDefaults });
    }

    /// <summary>
    /// Log levels when nothing configures them: ASP.NET Core and Polly log every request and every
    /// delivery attempt at Information, which on a busy ingestion host costs more CPU than the
    /// request itself. Their warnings and errors still show; <c>Logging__LogLevel__Microsoft.AspNetCore=Information</c>
    /// (or host.json, appsettings, the command line) brings the per-request lines back.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> LoggingDefaults { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
    };

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
