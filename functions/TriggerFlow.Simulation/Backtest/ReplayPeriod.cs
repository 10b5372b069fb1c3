using NodaTime;
using TriggerFlow.Engine.Inputs;

namespace TriggerFlow.Simulation.Backtest;

/// <summary>
/// The span a replay covers (<c>--from</c>, <c>--to</c>): events whose event time is before
/// <see cref="From"/> are left out, but profiles before it still apply (they describe the customers
/// the period starts with); nothing that arrives at or after <see cref="To"/> is replayed.
/// </summary>
/// <param name="From">Inclusive; null for the file's beginning.</param>
/// <param name="To">Exclusive; null to run until every window has decided.</param>
public sealed record ReplayPeriod(Instant? From, Instant? To)
{
    public static ReplayPeriod All { get; } = new(null, null);

    public bool Admits(EngineInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input switch
        {
            _ when To is { } to && input.ArrivalTime >= to => false,
            EventInput e when From is { } from && e.EventTime < from => false,
            _ => true,
        };
    }
}
