using NodaTime;

namespace TriggerFlow.Runtime.Orchestration;

/// <summary>
/// A customer's one durable wake-up: an Orleans reminder re-armed for the earliest deadline, or
/// unregistered when nothing is pending. Its period (one minute, Orleans' minimum) doubles as the
/// retry for undelivered sends and as the safety net if a tick is lost. What was armed is known
/// per activation only; a new activation arms again whenever something is pending.
/// </summary>
internal sealed class WakeUpReminder
{
    public const string Name = "wake-up";

    /// <summary>The reminder's period: Orleans' minimum.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private static readonly Duration Retry = Duration.FromTimeSpan(Period);
    private static readonly TimeSpan Soonest = TimeSpan.FromSeconds(1);

    private Instant? _armedFor;

    /// <summary>The reminder this activation registered, if any: unregistering it needs no lookup.</summary>
    private IGrainReminder? _registered;

    /// <summary>
    /// A wake-up that found a deadline due knows the reminder armed for it has fired and, being
    /// periodic, ticks again within a period: that tick is the outbox retry, so it need not be
    /// registered again. Without this, 100,000 deadlines falling due together would each
    /// re-register their reminder at once and swamp the reminder service.
    /// </summary>
    public void Fired(Instant? due, Instant now)
    {
        if (_armedFor is null && due is { } at && at <= now)
        {
            _armedFor = at;
        }
    }

    /// <param name="Deadline">The engine's next wake-up, if any.</param>
    /// <param name="OutboxPending">True while sends wait for delivery: they need a retry tick.</param>
    public readonly record struct Due(Instant? Deadline, bool OutboxPending);

    /// <param name="tick">True when called from a reminder tick: with nothing pending, a reminder this activation did not register is removed too.</param>
    public async Task ArmAsync(Grain grain, Due due, Instant now, bool tick)
    {
        var wanted = Wanted(due, now);
        if (wanted == _armedFor || (due.OutboxPending && AlreadyRetrying(due, now)))
        {
            return;
        }

        if (wanted is { } at)
        {
            var dueTime = (at - now).ToTimeSpan();
            _registered = await grain.RegisterOrUpdateReminder(Name, dueTime < Soonest ? Soonest : dueTime, Period);
            _armedFor = at;
        }
        else if (_armedFor is not null || tick)
        {
            await UnregisterAsync(grain);
            _armedFor = null;
        }
    }

    /// <summary>
    /// Removes the reminder. The one this activation registered is removed by its handle (one
    /// reminder-table write); otherwise, or if the row changed since, it is looked up first.
    /// </summary>
    private async Task UnregisterAsync(Grain grain)
    {
        if (_registered is { } registered)
        {
            _registered = null;
            try
            {
                await grain.UnregisterReminder(registered);
                return;
            }
            catch (OrleansException)
            {
                // The row's ETag changed (another registration): look it up as a new activation would.
            }
        }

        if (await grain.GetReminder(Name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }

    private static Instant? Wanted(Due due, Instant now)
    {
        if (!due.OutboxPending)
        {
            return due.Deadline;
        }

        var retry = now + Retry;
        return due.Deadline is { } deadline && deadline < retry ? deadline : retry;
    }

    /// <summary>A reminder already past its due time ticks every period: it is the retry, unless a deadline comes sooner.</summary>
    private bool AlreadyRetrying(Due due, Instant now) =>
        _armedFor is { } armed && armed <= now && (due.Deadline is null || due.Deadline >= now + Retry);
}
