using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TriggerFlow.Runtime.Deployment;
using TriggerFlow.Runtime.Hosting;
using TriggerFlow.Runtime.Ingestion;
using TriggerFlow.Runtime.Ingestion.Acceptance;

namespace TriggerFlow.Runtime.Tests.Ingestion;

/// <summary>
/// The ingestion API on real Kestrel at 127.0.0.1 (a free port), with test sources, the test
/// catalog, a fake clock and a recording sink instead of customer grains. The quarantine is a real
/// SQLite file in a temporary data folder, deleted when the host is disposed.
/// </summary>
internal sealed class IngestionHost : IAsyncDisposable
{
    public const string ShopKey = "shop-key";
    public const string SignedKey = "signed-key";
    public const string SigningSecret = "whsec-test-secret";
    public const string SlowKey = "slow-key";
    public const int MaxRequestBytes = 256 * 1024;
    public const string AdminKey = "test-admin-key";

    private readonly WebApplication app;
    private readonly string dataDir;

    private IngestionHost(WebApplication app, RecordingSink sink, FakeTimeProvider time, Uri address, string dataDir)
    {
        this.app = app;
        this.dataDir = dataDir;
        Sink = sink;
        Time = time;
        Client = new HttpClient { BaseAddress = address };
        Admin = new HttpClient { BaseAddress = address };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public RecordingSink Sink { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    /// <summary>A client sending the admin key, for the quarantine and statistics endpoints.</summary>
    public HttpClient Admin { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>Starts a host; <paramref name="settings"/> changes or adds settings, <paramref name="rules"/> replaces the test catalog.</summary>
    public static async Task<IngestionHost> StartAsync(Action<Dictionary<string, string?>>? settings = null, IRuleBookProvider? rules = null)
    {
        var dataDir = Directory.CreateTempSubdirectory("triggerflow-ingestion-").FullName;
        var configuration = Settings();
        configuration["TriggerFlow:DataDir"] = dataDir;
        settings?.Invoke(configuration);
        var sink = new RecordingSink();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddOptions<TriggerFlowOptions>().Bind(builder.Configuration.GetSection(TriggerFlowOptions.Section));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IIngestSink>(sink);
        builder.Services.AddSingleton(rules ?? new TestRuleBook());
        builder.Services.AddTriggerFlowIngestion();
        var app = builder.Build();
        app.MapIngestionApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new IngestionHost(app, sink, time, new Uri(address), dataDir);
    }

    public static AuthenticationHeaderValue Basic(string key) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));

    /// <summary>A POST with a write key as the Basic user name.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string body, string contentType = "application/json", string key = ShopKey) =>
        SendAsync(Request(path, body, contentType, key));

    public static HttpRequestMessage Request(string path, string body, string contentType = "application/json", string? key = ShopKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (key is not null)
        {
            request.Headers.Authorization = Basic(key);
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Client.SendAsync(request);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(dataDir, recursive: true);
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["TriggerFlow:AdminKey"] = AdminKey,
        ["TriggerFlow:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["TriggerFlow:Sources:0:Name"] = "shop",
        ["TriggerFlow:Sources:0:WriteKey"] = ShopKey,
        ["TriggerFlow:Sources:0:RequestsPerSecond"] = "1000000",
        ["TriggerFlow:Sources:1:Name"] = "signed",
        ["TriggerFlow:Sources:1:WriteKey"] = SignedKey,
        ["TriggerFlow:Sources:1:SigningSecret"] = SigningSecret,
        ["TriggerFlow:Sources:1:SignatureToleranceSeconds"] = "300",
        ["TriggerFlow:Sources:1:RequestsPerSecond"] = "1000000",
        ["TriggerFlow:Sources:2:Name"] = "slow",
        ["TriggerFlow:Sources:2:WriteKey"] = SlowKey,
        ["TriggerFlow:Sources:2:RequestsPerSecond"] = "1",
        ["TriggerFlow:Ingestion:Benchmark"] = "true",
        ["TriggerFlow:Ingestion:MaxBatchItems"] = "1000",
        ["TriggerFlow:Ingestion:EventAliases:Product Added"] = "added to cart",
    };
}
