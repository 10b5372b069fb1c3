using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using TriggerFlow.Testing;

namespace TriggerFlow.Runtime.Tests.EndToEnd;

/// <summary>Posts Segment Tracking API calls over real HTTP with the development write key, as a Segment destination would.</summary>
internal sealed class SegmentClient(Uri address) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = address,
        // A busy host may answer slowly; a request that times out would read as a dead host (CrashRecoveryTests).
        Timeout = HangGuard.EndToEndLimit,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("dev-write-key:"))) },
    };

    public Task<HttpResponseMessage> TrackAsync(string userId, string messageId, string name, DateTimeOffset timestamp, JsonObject properties) =>
        _http.PostAsJsonAsync("/v1/track", new JsonObject
        {
            ["userId"] = userId,
            ["messageId"] = messageId,
            ["event"] = name,
            ["timestamp"] = timestamp,
            ["properties"] = properties,
        });

    public Task<HttpResponseMessage> IdentifyAsync(string userId, string messageId, DateTimeOffset timestamp, JsonObject traits) =>
        _http.PostAsJsonAsync("/v1/identify", new JsonObject
        {
            ["userId"] = userId,
            ["messageId"] = messageId,
            ["timestamp"] = timestamp,
            ["traits"] = traits,
        });

    public void Dispose() => _http.Dispose();
}
