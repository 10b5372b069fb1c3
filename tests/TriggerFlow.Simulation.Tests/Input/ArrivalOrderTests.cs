using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using TriggerFlow.Simulation.Input;
using TriggerFlow.Testing;

namespace TriggerFlow.Simulation.Tests.Input;

/// <summary>
/// The arrival sort against the priority queue it replaced (kept here as the reference): the same
/// records in the same order and the same count of records too far out of place, on nearly sorted,
/// badly sorted and reversed inputs with ties, bad lines and buffers from none to larger than the input.
/// </summary>
public sealed class ArrivalOrderTests
{
    private static readonly Gen<int[]> NearlySorted =
        from count in Gen.Choose(0, 600)
        from jitter in Gen.Choose(0, 400)
        from offsets in Gen.Choose(-jitter, jitter).ArrayOf(count)
        select offsets.Select((offset, i) => Math.Max(0, (i * 10) + offset) / 20).ToArray(); // halved resolution: ties

    private static readonly Gen<int[]> BadlySorted = Gen.Choose(0, 40).ArrayOf();

    private static readonly Gen<int[]> Reversed = Gen.Choose(0, 300).Select(n => Enumerable.Range(0, n).Select(i => (n - i) / 3).ToArray());

    private static readonly Gen<(int[] Arrivals, int Capacity, int BadEvery)> Cases =
        from arrivals in Gen.Frequency((4, NearlySorted), (2, BadlySorted), (1, Reversed))
        from capacity in Gen.Frequency((3, Gen.Choose(0, 5)), (2, Gen.Choose(6, 100)), (1, Gen.Choose(100, 1000)))
        from badEvery in Gen.Elements(0, 3, 17)
        select (arrivals, capacity, badEvery);

    [Fact]
    public void Releases_records_in_the_order_the_priority_queue_did_and_counts_the_same_ones_out_of_order()
    {
        foreach (var (arrivals, capacity, badEvery) in PropertyRuns.Sample(Cases, seed: 20260328, size: 50, count: 400))
        {
            AssertSameAsReference(Records(arrivals, badEvery), capacity);
        }
    }

    [Fact]
    public void Long_inputs_with_jitter_beyond_a_short_slide_still_sort_as_before()
    {
        var random = new Random(7);
        var jittered = Enumerable.Range(0, 20_000).Select(i => Math.Max(0, i + random.Next(-3_000, 3_000))).ToArray();
        var unsorted = Enumerable.Range(0, 20_000).Select(_ => random.Next(0, 5_000)).ToArray();

        AssertSameAsReference(Records(jittered, badEvery: 0), capacity: 1_000);
        AssertSameAsReference(Records(jittered, badEvery: 0), capacity: 50_000);
        AssertSameAsReference(Records(unsorted, badEvery: 101), capacity: 2_000);
    }

    private static void AssertSameAsReference(List<SourceRecord> records, int capacity)
    {
        var (expected, expectedOutOfOrder) = PriorityQueueSort(records, capacity);
        var statistics = new ReadStatistics();

        var actual = new ArrivalOrder(capacity).Sort(records, statistics).ToList();

        Assert.Equal(expected.Select(r => r.Line), actual.Select(r => r.Line));
        Assert.Equal(expectedOutOfOrder, statistics.OutOfOrder);
    }

    /// <summary>Identity records at the given arrival seconds, one per line; every <paramref name="badEvery"/>-th line is bad.</summary>
    private static List<SourceRecord> Records(int[] arrivals, int badEvery) =>
        [.. arrivals.Select((seconds, i) => badEvery > 0 && i % badEvery == badEvery - 1
            ? (SourceRecord)new BadLine(i + 1, null, "bad")
            : new IdentityRecord(i + 1, "anonymous", "customer", Instant.FromUnixTimeSeconds(seconds)))];

    /// <summary>The sort as it was: a priority queue keyed by (arrival, sequence).</summary>
    private static (List<SourceRecord> Records, long OutOfOrder) PriorityQueueSort(List<SourceRecord> records, int capacity)
    {
        var sorted = new List<SourceRecord>();
        var queue = new PriorityQueue<SourceRecord, (Instant At, long Sequence)>();
        var sequence = 0L;
        var released = Instant.MinValue;
        var outOfOrder = 0L;
        foreach (var record in records)
        {
            if (record is BadLine)
            {
                sorted.Add(record);
                continue;
            }

            queue.Enqueue(record, (ArrivalOrder.ArrivalOf(record), sequence++));
            if (queue.Count > capacity)
            {
                Release();
            }
        }

        while (queue.Count > 0)
        {
            Release();
        }

        return (sorted, outOfOrder);

        void Release()
        {
            queue.TryDequeue(out var record, out var key);
            outOfOrder += key.At < released ? 1 : 0;
            released = Instant.Max(released, key.At);
            sorted.Add(record!);
        }
    }
}
