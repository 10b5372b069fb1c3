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

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
