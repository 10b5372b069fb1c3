using Microsoft.Extensions.DependencyInjection;
using TriggerFlow.Runtime.Deployment;
using TriggerFlow.Runtime.Tests.Operations;

namespace TriggerFlow.Runtime.Tests.Deployment;

/// <summary>The rules folder a fresh host deploys when it starts.</summary>
public sealed class StartupRulesTests
{
    [Fact]
    public async Task A_fresh_host_deploys_the_repository_rules_folder()
    {
        var folder = Path.Combine(RunningHost.RepositoryRoot, "rules");
        var expected = RulesFolder.Read(folder).Compile().Plans!.Version;

        await using var host = await RunningHost.StartAsync(folder);

        Assert.Equal(expected, host.Services.GetRequiredService<IRuleBookProvider>().Version);
    }

    [Fact]
    public async Task Rules_with_errors_stop_start_up_with_their_diagnostics()
    {
        using var rules = new RulesSandbox();
        rules.Write("rules/broken.trigger", RulesSandbox.Broken);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningHost.StartAsync(rules.RulesFolder));

        Assert.Contains("have errors, so the host cannot start", error.Message, StringComparison.Ordinal);
        Assert.Contains("error[TF0001]", error.Message, StringComparison.Ordinal);
        Assert.Contains("broken.trigger:3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_rules_folder_stops_start_up_and_names_the_setting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningHost.StartAsync("no-such-rules-folder"));

        Assert.Contains("TriggerFlow:RulesFolder `no-such-rules-folder` was found neither", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_folder_is_found_from_the_project_folder_up_to_the_repository()
    {
        var projectFolder = Path.Combine(RunningHost.RepositoryRoot, "functions", "TriggerFlow.Runtime");

        Assert.Equal(Path.Combine(RunningHost.RepositoryRoot, "rules"), RulesFolder.Resolve(projectFolder, "rules"));
    }
}
