namespace TriggerFlow.Runtime.Ingestion.Statistics;

/// <summary>
/// Counts by name with at most a fixed number of names kept, whatever a source sends. When a new
/// name arrives and the table is full, the least counted name leaves it and its count moves to
/// <see cref="NameCounts.Other"/>: frequent names stay listed, nothing counted is lost from the
/// total, and a flood of distinct names costs memory for at most the capacity. Thread-safe.
/// </summary>
internal sealed class BoundedCounts(int capacity)
{
    /// <summary>Longer names are cut: a property name can be as long as a request body.</summary>
    public const int MaxNameLength = 200;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    // The same entries ordered by count, so the least counted is found in log time when one must leave.
    private readonly SortedSet<(long Count, string Name)> _byCount = new(Comparer<(long Count, string Name)>.Create(
        static (a, b) => a.Count != b.Count ? a.Count.CompareTo(b.Count) : string.CompareOrdinal(a.Name, b.Name)));

    private long _other;

    public void Add(string name, long count = 1)
    {
        name = name.Length <= MaxNameLength ? name : name[..MaxNameLength] + "…";
        lock (_gate)
        {
            if (_counts.TryGetValue(name, out var current))
            {
                _byCount.Remove((current, name));
            }
            else if (_counts.Count == capacity)
            {
                var least = _byCount.Min;
                _byCount.Remove(least);
                _counts.Remove(least.Name);
                _other += least.Count;
            }

            _counts[name] = current + count;
            _byCount.Add((current + count, name));
        }
    }

    public NameCounts Snapshot()
    {
        lock (_gate)
        {
            return new NameCounts(
                _byCount.Reverse().ToDictionary(e => e.Name, e => e.Count, StringComparer.Ordinal),
                _other);
        }
    }
}

/// <summary>Counts by name, most counted first, and the total of names no longer listed.</summary>
/// <param name="Names">Up to the configured number of names and their counts.</param>
/// <param name="Other">The counts of names that were left out to keep the list bounded.</param>
internal sealed record NameCounts(IReadOnlyDictionary<string, long> Names, long Other);
