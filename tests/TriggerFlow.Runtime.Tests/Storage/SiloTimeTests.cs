using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TriggerFlow.Runtime.Hosting;
using TriggerFlow.Runtime.Storage;
using TriggerFlow.Testing;

namespace TriggerFlow.Runtime.Tests.Storage;

/// <summary><c>UseTriggerFlowTime</c>: a fake clock drives reminders (stored in SQLite) and grain timers.</summary>
public sealed class SiloTimeTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "triggerflow-time-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero));
    private TestSilo? _silo;

    public async Task InitializeAsync() =>
        _silo = await TestSilo.StartAsync(new TriggerFlowOptions { DataDir = _dataDir }, services => services.UseTriggerFlowTime(_time));

    public async Task DisposeAsync()
    {
        await _silo!.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task Reminders_and_grain_timers_fire_when_the_fake_clock_reaches_them_and_not_before()
    {
        var probe = _silo!.Services.GetRequiredService<IGrainFactory>().GetGrain<IClockProbeGrain>("c-1");
        await probe.Arm(TimeSpan.FromMinutes(5));

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal((0, 0), await probe.Ticks());

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((1, 1), await Eventually(probe, ticks => ticks == (1, 1)));
        Assert.Equal(TimeProvider.System, _silo.Services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership));
    }

    /// <summary>
    /// Ticks run on the silo's scheduler after the clock moves: wait (in real time) until they have.
    /// The fake clock decides whether they fire; real time only bounds the wait, by the hang guard.
    /// </summary>
    private static async Task<(int, int)> Eventually(IClockProbeGrain probe, Func<(int, int), bool> done)
    {
        var clock = Stopwatch.StartNew();
        var ticks = await probe.Ticks();
        while (!done(ticks) && clock.Elapsed < HangGuard.Limit)
        {
            await Task.Delay(20);
            ticks = await probe.Ticks();
        }

        return ticks;
    }
}
