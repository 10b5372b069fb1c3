using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TriggerFlow.Runtime.Hosting;

namespace TriggerFlow.Runtime.Tests.EndToEnd;

/// <summary>
/// The real host (the same <c>AddTriggerFlow</c>/<c>MapTriggerFlow</c> as <c>Program.cs</c>) in this
/// process: Kestrel on a free loopback port, the folder's <c>host.json</c> and data, and a
/// <see cref="FakeTimeProvider"/> as the clock of the host, the grains, the reminders and
/// activation collection, so a test moves a 24-hour window in an instant.
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    // Orleans' own plumbing (message time-outs, membership, directory, system timers) stays on real
    // time, as Orleans' TimeProviderNames docs advise: jumping a day would otherwise time out calls
    // in flight and declare the silo dead. Everything that decides when a customer wakes is fake.
    private static readonly string[] RealTimeAreas =
        [TimeProviderNames.Messaging, TimeProviderNames.Membership, TimeProviderNames.SystemTimers, TimeProviderNames.GrainDirectory];

    private readonly WebApplication _app;

    private InProcessHost(WebApplication app, Uri address, GrainCallProbe probe)
    {
        _app = app;
        Address = address;
        Probe = probe;
    }

    public Uri Address { get; }

    public GrainCallProbe Probe { get; }

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public static async Task<InProcessHost> StartAsync(HostFolder folder, FakeTimeProvider time, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = folder.Root,
            ApplicationName = typeof(HostingExtensions).Assembly.GetName().Name,
        });
        builder.AddTriggerFlow();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<TimeProvider>(time);
        foreach (var area in RealTimeAreas)
        {
            builder.Services.AddKeyedSingleton(area, TimeProvider.System);
        }

        var probe = new GrainCallProbe();
        builder.Services.AddSingleton<IIncomingGrainCallFilter>(probe);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapTriggerFlow();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InProcessHost(app, new Uri(address), probe);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
