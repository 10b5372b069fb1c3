using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TriggerFlow.Runtime.Hosting;
using TriggerFlow.Runtime.Storage;

namespace TriggerFlow.Runtime.Tests.Storage;

/// <summary>A real silo wired by <c>AddTriggerFlowStorage</c>, on free ports so tests can run side by side.</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<TestSilo> StartAsync(TriggerFlowOptions options, Action<IServiceCollection>? configure = null)
    {
        options.SiloPort = FreePort();
        options.GatewayPort = FreePort();
        var host = new HostBuilder()
            .UseOrleans(silo => silo.AddTriggerFlowStorage(options))
            .ConfigureServices(services => configure?.Invoke(services))
            .Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
