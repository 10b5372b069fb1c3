namespace TriggerFlow.Runtime.Tests.Storage;

/// <summary>Counts its reminder and grain-timer ticks, to show which clock drives them.</summary>
[Alias("TriggerFlow.Runtime.Tests.Storage.IClockProbeGrain")]
public interface IClockProbeGrain : IGrainWithStringKey
{
    [Alias("Arm")]
    Task Arm(TimeSpan due);

    [Alias("Ticks")]
    Task<(int Reminders, int Timers)> Ticks();
}

internal sealed class ClockProbeGrain : Grain, IClockProbeGrain, IRemindable
{
    private int _reminders;
    private int _timers;

    public async Task Arm(TimeSpan due)
    {
        this.RegisterGrainTimer(() =>
        {
            _timers++;
            return Task.CompletedTask;
        }, due, Timeout.InfiniteTimeSpan);
        await this.RegisterOrUpdateReminder("probe", due, TimeSpan.FromMinutes(10));
    }

    public Task<(int Reminders, int Timers)> Ticks() => Task.FromResult((_reminders, _timers));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _reminders++;
        return Task.CompletedTask;
    }
}
