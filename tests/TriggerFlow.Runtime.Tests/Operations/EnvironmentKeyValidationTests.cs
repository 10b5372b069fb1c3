using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using TriggerFlow.Runtime.Hosting;

namespace TriggerFlow.Runtime.Tests.Operations;

public sealed class EnvironmentKeyValidationTests
{
    [Fact]
    public async Task Production_with_the_shipped_keys_refuses_to_start_and_says_why()
    {
        using var rules = new RulesSandbox();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningHost.StartAsync(
            rules.RulesFolder, "Production", settings => settings["AdminKey"] = EnvironmentKeyValidation.DevelopmentAdminKey));

        Assert.Contains("TriggerFlow:AdminKey is the development key", error.Message, StringComparison.Ordinal);
        Assert.Contains("source `development` is marked DevelopmentOnly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_with_its_own_key_and_no_development_source_starts()
    {
        using var rules = new RulesSandbox();

        await using var host = await RunningHost.StartAsync(rules.RulesFolder, "Production", settings => settings.Remove("Sources"));

        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Client.GetAsync("/readyz")).StatusCode);
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Staging", false)]
    [InlineData("Production", false)]
    public void The_shipped_keys_pass_only_in_development(string environment, bool passes)
    {
        var validation = new EnvironmentKeyValidation(new HostingEnvironment { EnvironmentName = environment });
        var options = new TriggerFlowOptions
        {
            AdminKey = EnvironmentKeyValidation.DevelopmentAdminKey,
            Sources = [new SourceOptions { Name = "development", WriteKey = "dev-write-key", DevelopmentOnly = true }],
        };

        Assert.Equal(passes, validation.Validate(name: null, options).Succeeded);
    }
}
