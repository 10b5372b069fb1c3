using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TriggerFlow.Runtime.Tests.Operations;

namespace TriggerFlow.Runtime.Tests.Deployment;

/// <summary>Requests to <c>/api/rules</c> that must be refused with a clear status and change nothing.</summary>
public sealed class HostileRequestTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private RunningHost Host => shared.Host;

    [Theory]
    [InlineData("GET", "/api/rules")]
    [InlineData("POST", "/api/rules")]
    [InlineData("POST", "/api/rules/rollback")]
    [InlineData("GET", "/api/customers/customer-1")]
    public async Task Admin_endpoints_refuse_a_missing_key(string method, string path)
    {
        var response = await Host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json("{}") });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Bearer wrong-key")]
    [InlineData("Bearer " + RunningHost.AdminKey + "x")]
    [InlineData("Basic " + RunningHost.AdminKey)]
    [InlineData(RunningHost.AdminKey)]
    public async Task Admin_endpoints_refuse_a_wrong_key(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/rules/rollback");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task Another_content_type_is_415()
    {
        var response = await Host.Admin.PostAsync("/api/rules", new StringContent("rule \"x\"", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, response);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"catalog": {"path": "rules/catalog.yaml"}, "files": []}""")]
    [InlineData("""{"catalog": {"path": "rules/catalog.yaml", "text": ""}, "files": [null]}""")]
    [InlineData("""{"catalog": {"path": "rules/catalog.yaml", "text": ""}, "files": [{"path": "rules/a.txt", "text": ""}]}""")]
    [InlineData("""{"catalog": {"path": "rules/a.trigger", "text": ""}, "files": [{"path": "rules/a.trigger", "text": ""}]}""")]
    public async Task Malformed_bodies_are_400_with_problem_details(string body)
    {
        var response = await Host.Admin.PostAsync("/api/rules", Json(body));

        await AssertProblemAsync(HttpStatusCode.BadRequest, response);
    }

    [Fact]
    public async Task Deeply_nested_json_is_400()
    {
        var nested = new string('[', 10_000) + new string(']', 10_000);

        var response = await Host.Admin.PostAsync("/api/rules", Json($$"""{"catalog": {{nested}}, "files": []}"""));

        await AssertProblemAsync(HttpStatusCode.BadRequest, response);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var response = await PostWaitingForContinueAsync(Json(new string(' ', 600 * 1024) + "{}"));

        await AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, response);
    }

    [Fact]
    public async Task A_10_MB_rule_file_is_413()
    {
        var request = RulesSandbox.Request(("rules/huge.trigger", new string('#', 10 * 1024 * 1024)));

        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request));
        content.Headers.ContentType = new("application/json");

        var response = await PostWaitingForContinueAsync(content);

        await AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, response);
    }

    /// <summary>
    /// Sends the body only after the host's 100 Continue, as curl does for large bodies, so a host
    /// refusing it from its length answers without the client racing to write what it will not read.
    /// </summary>
    private Task<HttpResponseMessage> PostWaitingForContinueAsync(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/rules") { Content = content };
        request.Headers.ExpectContinue = true;
        return Host.Admin.SendAsync(request);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task AssertProblemAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        await AssertUnchangedAsync();
    }

    private async Task AssertUnchangedAsync()
    {
        var status = await Host.Admin.GetFromJsonAsync<JsonElement>("/api/rules");
        Assert.Equal(shared.Rules.Version(), status.GetProperty("active").GetProperty("version").GetString());
        Assert.Equal(1, status.GetProperty("active").GetProperty("deployment").GetInt32());
    }
}
