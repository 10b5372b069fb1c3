using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using TriggerFlow.Runtime.Hosting;

namespace TriggerFlow.Runtime.Tests.Operations;

/// <summary>
/// The real host (<c>AddTriggerFlow</c>/<c>MapTriggerFlow</c>, as <c>Program.cs</c>) in this process,
/// on a free loopback port, with its own temporary folder holding a <c>host.json</c> (the
/// repository's, with this host's data folder, rules folder, free silo ports and a test admin key)
/// and the data the host writes. Deleted when disposed.
/// </summary>
internal sealed class RunningHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly WebApplication _app;
    private readonly string _root;

    private RunningHost(WebApplication app, string root, Uri address)
    {
        _app = app;
        _root = root;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
        Admin = new HttpClient { BaseAddress = address };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public static string RepositoryRoot { get; } =
        typeof(RunningHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;

    public Uri Address { get; }

    /// <summary>A client without the admin key.</summary>
    public HttpClient Client { get; }

    /// <summary>A client sending <see cref="AdminKey"/>.</summary>
    public HttpClient Admin { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host; <paramref name="settings"/> edits the <c>TriggerFlow</c> section of its host.json last.</summary>
    public static async Task<RunningHost> StartAsync(string rulesFolder, string environment = "Development", Action<JsonObject>? settings = null)
    {
        var root = Directory.CreateTempSubdirectory("triggerflow-ops-").FullName;
        WriteHostJson(root, rulesFolder, settings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ContentRootPath = root,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        builder.AddTriggerFlow();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapTriggerFlow();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            Directory.Delete(root, recursive: true);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningHost(app, root, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static void WriteHostJson(string root, string rulesFolder, Action<JsonObject>? settings)
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "host.json")))!.AsObject();
        var triggerFlow = host["TriggerFlow"]!.AsObject();
        triggerFlow["DataDir"] = Path.Combine(root, "data");
        triggerFlow["RulesFolder"] = rulesFolder;
        triggerFlow["AdminKey"] = AdminKey;
        triggerFlow["SiloPort"] = FreePort();
        triggerFlow["GatewayPort"] = FreePort();
        triggerFlow["ClusterId"] = "ops-" + Path.GetFileName(root);
        settings?.Invoke(triggerFlow);
        File.WriteAllText(Path.Combine(root, "host.json"), host.ToJsonString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
