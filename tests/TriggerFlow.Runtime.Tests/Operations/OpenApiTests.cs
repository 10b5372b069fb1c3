using System.Net.Http.Json;
using System.Text.Json;

namespace TriggerFlow.Runtime.Tests.Operations;

public sealed class OpenApiTests(SharedHost shared) : IClassFixture<SharedHost>
{
    [Theory]
    [InlineData("/api/rules", "post", "DeployRules", true)]
    [InlineData("/api/rules", "get", "GetRules", true)]
    [InlineData("/api/rules/rollback", "post", "RollbackRules", true)]
    [InlineData("/api/customers/{id}", "get", "InspectCustomer", true)]
    [InlineData("/api/ingestion/quarantine", "get", "ListQuarantine", true)]
    [InlineData("/api/ingestion/quarantine", "delete", "DiscardQuarantine", true)]
    [InlineData("/api/ingestion/quarantine/download", "get", "DownloadQuarantine", true)]
    [InlineData("/api/ingestion/quarantine/replay", "post", "ReplayQuarantine", true)]
    [InlineData("/api/ingestion/quarantine/{id}", "get", "GetQuarantinedItem", true)]
    [InlineData("/api/ingestion/quarantine/{id}", "delete", "DiscardQuarantinedItem", true)]
    [InlineData("/api/ingestion/stats", "get", "IngestionStatistics", true)]
    [InlineData("/healthz", "get", "Liveness", false)]
    [InlineData("/readyz", "get", "Readiness", false)]
    public async Task Each_endpoint_is_described_with_its_name_summary_and_key(string path, string method, string operationId, bool needsAdminKey)
    {
        var document = await shared.Host.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        var security = operation.TryGetProperty("security", out var requirements) ? requirements.ToString() : "";
        Assert.Equal(needsAdminKey, security.Contains("adminKey", StringComparison.Ordinal));
        if (needsAdminKey)
        {
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _));
        }
    }

    [Fact]
    public async Task The_deploy_request_body_and_the_admin_scheme_are_described()
    {
        var document = await shared.Host.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var body = document.GetProperty("paths").GetProperty("/api/rules").GetProperty("post").GetProperty("requestBody");
        Assert.True(body.GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("adminKey").GetProperty("scheme").GetString());
    }
}
