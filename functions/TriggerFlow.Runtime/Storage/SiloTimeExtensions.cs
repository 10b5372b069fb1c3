using Orleans.Reminders;

namespace TriggerFlow.Runtime.Storage;

/// <summary>
/// One clock for everything time-driven in TriggerFlow: its own services (which take the unkeyed
/// <see cref="TimeProvider"/>), grain timers and reminders. Orleans 10 resolves each subsystem's
/// clock as a keyed <see cref="TimeProvider"/> (<see cref="TimeProviderNames"/>,
/// <see cref="ReminderTimeProviderNames"/>), falling back to the unkeyed one.
/// </summary>
internal static class SiloTimeExtensions
{
    /// <summary>
    /// Drives TriggerFlow, grain timers and reminders by <paramref name="time"/> (a
    /// <c>FakeTimeProvider</c> in tests). Orleans' own maintenance loops (membership, directory,
    /// messaging timeouts) stay on real time: advancing a fake clock must not expire the silo's
    /// own liveness or run those loops inline. Call it after the host's own registrations.
    /// </summary>
    public static IServiceCollection UseTriggerFlowTime(this IServiceCollection services, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(time);
        services.AddSingleton(time);
        services.AddKeyedSingleton(TimeProviderNames.Grains, time);
        services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, time);

        // An exact key wins over this catch-all, which pins every other Orleans area to real time.
        services.AddKeyedSingleton(KeyedService.AnyKey, static (_, _) => TimeProvider.System);
        return services;
    }
}
