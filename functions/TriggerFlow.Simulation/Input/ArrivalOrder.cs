using NodaTime;

namespace TriggerFlow.Simulation.Input;

/// <summary>
/// Puts records in arrival order with a bounded buffer, so memory stays constant however long the
/// file: exports are mostly in order with local jitter (batches, parallel writers), which the
/// buffer absorbs. A record too far out of place is passed on where it stands and counted.
/// Ties keep file order. Bad lines are passed on at once: they have no time to sort by.
/// </summary>
internal sealed class ArrivalOrder(int capacity)
{
    /// <summary>The default buffer: enough for minutes of jitter at thousands of events per second.</summary>
    public const int DefaultCapacity = 50_000;

    public IEnumerable<SourceRecord> Sort(IEnumerable<SourceRecord> records, ReadStatistics statistics)
    {
        var buffer = new ArrivalBuffer();
        var released = Instant.MinValue;
        foreach (var record in records)
        {
            if (record is BadLine)
            {
                yield return record;
                continue;
            }

            buffer.Add(record, ArrivalOf(record));
            if (buffer.Count > capacity)
            {
                yield return Release(buffer, ref released, statistics);
            }
        }

        while (buffer.Count > 0)
        {
            yield return Release(buffer, ref released, statistics);
        }
    }

    public static Instant ArrivalOf(SourceRecord record) => record switch
    {
        CustomerRecord c => c.Input.ArrivalTime,
        IdentityRecord i => i.At,
        _ => Instant.MinValue,
    };

    private static SourceRecord Release(ArrivalBuffer buffer, ref Instant released, ReadStatistics statistics)
    {
        var (record, at) = buffer.Take();
        if (at < released)
        {
            statistics.OutOfOrder++;
        }

        released = Instant.Max(released, at);
        return record;
    }
}
