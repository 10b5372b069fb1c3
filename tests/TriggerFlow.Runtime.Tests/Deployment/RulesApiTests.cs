using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TriggerFlow.Runtime.Deployment;
using TriggerFlow.Runtime.Tests.Operations;

namespace TriggerFlow.Runtime.Tests.Deployment;

/// <summary>Deploy, show and roll back through <c>/api/rules</c> on the real host; each test has its own host.</summary>
public sealed class RulesApiTests
{
    [Fact]
    public async Task Start_up_deploys_the_rules_folder()
    {
        using var rules = new RulesSandbox();
        await using var host = await RunningHost.StartAsync(rules.RulesFolder);

        var status = await GetRulesAsync(host);

        Assert.Equal(rules.Version(), status.GetProperty("active").GetProperty("version").GetString());
        Assert.Equal("startup", status.GetProperty("active").GetProperty("origin").GetString());
        Assert.Equal("welcome", status.GetProperty("active").GetProperty("rules")[0].GetProperty("name").GetString());
        Assert.Equal(rules.Version(), host.Services.GetRequiredService<IRuleBookProvider>().Version);
    }

    [Fact]
    public async Task Deploying_a_good_set_activates_its_version_at_once()
    {
        using var rules = new RulesSandbox();
        await using var host = await RunningHost.StartAsync(rules.RulesFolder);
        var before = rules.Version();

        var response = await host.Admin.PostAsJsonAsync("/api/rules", RulesSandbox.Request(("rules/welcome.trigger", RulesSandbox.WelcomeLater)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var version = body.GetProperty("version").GetString();
        Assert.NotEqual(before, version);
        Assert.False(body.GetProperty("unchanged").GetBoolean());
        Assert.Equal(2, body.GetProperty("deployment").GetInt32());
        Assert.Equal("draft", body.GetProperty("rules")[0].GetProperty("status").GetString());
        Assert.Equal(version, host.Services.GetRequiredService<IRuleBookProvider>().Version);
        Assert.Equal(version, (await GetRulesAsync(host)).GetProperty("active").GetProperty("version").GetString());
    }

    [Fact]
    public async Task A_set_with_an_error_is_refused_with_its_diagnostics_and_nothing_changes()
    {
        using var rules = new RulesSandbox();
        await using var host = await RunningHost.StartAsync(rules.RulesFolder);

        var response = await host.Admin.PostAsJsonAsync("/api/rules", RulesSandbox.Request(("rules/welcome.trigger", RulesSandbox.Welcome), ("rules/broken.trigger", RulesSandbox.Broken)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var diagnostic = problem.GetProperty("diagnostics")[0];
        Assert.Equal("TF0001", diagnostic.GetProperty("code").GetString());
        Assert.Equal("rules/broken.trigger", diagnostic.GetProperty("file").GetString());
        Assert.Equal(3, diagnostic.GetProperty("line").GetInt32());
        Assert.Contains("rules/broken.trigger:3:", problem.GetProperty("text").GetString(), StringComparison.Ordinal);
        var status = await GetRulesAsync(host);
        Assert.Equal(rules.Version(), status.GetProperty("active").GetProperty("version").GetString());
        Assert.Empty(status.GetProperty("previous").EnumerateArray());
        Assert.Equal(rules.Version(), host.Services.GetRequiredService<IRuleBookProvider>().Version);
    }

    [Fact]
    public async Task Deploying_the_active_set_again_is_a_successful_no_op()
    {
        using var rules = new RulesSandbox();
        await using var host = await RunningHost.StartAsync(rules.RulesFolder);

        var response = await host.Admin.PostAsJsonAsync("/api/rules", RulesSandbox.Request(("rules/welcome.trigger", RulesSandbox.Welcome)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(rules.Version(), body.GetProperty("version").GetString());
        Assert.True(body.GetProperty("unchanged").GetBoolean());
        Assert.Equal(1, body.GetProperty("deployment").GetInt32());
    }

    [Fact]
    public async Task Rollback_activates_the_previous_set_and_then_has_nothing_left()
    {
        using var rules = new RulesSandbox();
        await using var host = await RunningHost.StartAsync(rules.RulesFolder);
        var first = rules.Version();
        var deployed = await host.Admin.PostAsJsonAsync("/api/rules", RulesSandbox.Request(("rules/welcome.trigger", RulesSandbox.WelcomeLater)));
        var second = (await deployed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString();

        var rollback = await host.Admin.PostAsync("/api/rules/rollback", content: null);

        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        var body = await rollback.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first, body.GetProperty("version").GetString());
        Assert.Equal(second, body.GetProperty("rolledBackFrom").GetString());
        Assert.Equal(first, host.Services.GetRequiredService<IRuleBookProvider>().Version);
        var previous = (await GetRulesAsync(host)).GetProperty("previous")[0];
        Assert.Equal(second, previous.GetProperty("version").GetString());
        Assert.NotEqual(JsonValueKind.Null, previous.GetProperty("rolledBackAt").ValueKind);

        var again = await host.Admin.PostAsync("/api/rules/rollback", content: null);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(first, host.Services.GetRequiredService<IRuleBookProvider>().Version);
    }

    [Fact]
    public async Task Deployments_survive_a_restart()
    {
        using var rules = new RulesSandbox();
        string version;
        var root = Directory.CreateTempSubdirectory("triggerflow-data-").FullName;
        try
        {
            await using (var host = await RunningHost.StartAsync(rules.RulesFolder, settings: s => s["DataDir"] = root))
            {
                var deployed = await host.Admin.PostAsJsonAsync("/api/rules", RulesSandbox.Request(("rules/welcome.trigger", RulesSandbox.WelcomeLater)));
                version = (await deployed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString()!;
            }

            await using var restarted = await RunningHost.StartAsync(rules.RulesFolder, settings: s => s["DataDir"] = root);

            Assert.Equal(version, restarted.Services.GetRequiredService<IRuleBookProvider>().Version);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<JsonElement> GetRulesAsync(RunningHost host)
    {
        var response = await host.Admin.GetAsync("/api/rules");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
