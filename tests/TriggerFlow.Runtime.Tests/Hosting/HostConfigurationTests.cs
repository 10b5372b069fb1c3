using Microsoft.Extensions.Configuration;
using TriggerFlow.Runtime.Hosting;

namespace TriggerFlow.Runtime.Tests.Hosting;

public sealed class HostConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tf-hostjson-").FullName;

    [Fact]
    public void Environment_variables_and_the_command_line_override_host_json()
    {
        File.WriteAllText(Path.Combine(_folder, "host.json"), """{ "TriggerFlow": { "DataDir": "from-host-json", "DefaultTimeZone": "Europe/Paris" } }""");
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["TriggerFlow:DataDir"] = "from-environment" });
        configuration.AddCommandLine(["--TriggerFlow:DefaultTimeZone=America/New_York"]);

        HostConfiguration.AddHostJson(configuration, _folder);

        Assert.Equal("from-environment", configuration["TriggerFlow:DataDir"]);
        Assert.Equal("America/New_York", configuration["TriggerFlow:DefaultTimeZone"]);
    }

    [Fact]
    public void Host_json_fills_in_what_nothing_else_sets()
    {
        File.WriteAllText(Path.Combine(_folder, "host.json"), """{ "TriggerFlow": { "AdminKey": "from-host-json" } }""");
        var configuration = new ConfigurationManager();

        HostConfiguration.AddHostJson(configuration, _folder);

        Assert.Equal("from-host-json", configuration["TriggerFlow:AdminKey"]);
    }

    [Fact]
    public void Per_request_framework_logs_are_off_unless_configured()
    {
        var configuration = new ConfigurationManager();

        HostConfiguration.AddHostJson(configuration, _folder);

        Assert.Equal("Warning", configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
        Assert.Equal("Warning", configuration["Logging:LogLevel:Polly"]);
        Assert.Equal("Information", configuration["Logging:LogLevel:Default"]);
    }

    [Fact]
    public void Host_json_and_the_environment_override_the_logging_defaults()
    {
        File.WriteAllText(Path.Combine(_folder, "host.json"), """{ "Logging": { "LogLevel": { "Polly": "Debug" } } }""");
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information" });

        HostConfiguration.AddHostJson(configuration, _folder);

        Assert.Equal("Information", configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
        Assert.Equal("Debug", configuration["Logging:LogLevel:Polly"]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
