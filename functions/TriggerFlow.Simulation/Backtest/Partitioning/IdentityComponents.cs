using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace TriggerFlow.Simulation.Backtest.Partitioning;

/// <summary>
/// Which bucket each customer's inputs go to. Customers are independent except where an identity
/// merge links two ids (an anonymous visitor becomes a known customer): the ids of every merge in
/// the file are joined into one group first, and a group's ids all go to one bucket, so the merge
/// is replayed there exactly as in one pass. Every other id goes to the bucket its own hash picks.
/// </summary>
internal sealed class IdentityComponents
{
    private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

    /// <summary>Ids that take part in some merge.</summary>
    public int Linked => _parent.Count;

    public void Link(string anonymousId, string customerId)
    {
        var a = Root(anonymousId);
        var b = Root(customerId);
        if (a == b)
        {
            return;
        }

        // The smaller id (ordinally) is the root: the grouping does not depend on the order of merges.
        if (string.CompareOrdinal(a, b) < 0)
        {
            _parent[b] = a;
        }
        else
        {
            _parent[a] = b;
        }
    }

    public int BucketOf(string customerId, int buckets) =>
        (int)(Hash(_parent.ContainsKey(customerId) ? Root(customerId) : customerId) % (ulong)buckets);

    /// <summary>The id that stands for <paramref name="id"/>'s group; an id seen for the first time is a group of its own.</summary>
    private string Root(string id)
    {
        if (_parent.TryAdd(id, id))
        {
            return id;
        }

        var root = id;
        for (var next = _parent[root]; next != root; next = _parent[root])
        {
            root = next;
        }

        // Path compression: the next look-up of any id on the way is one step.
        var current = id;
        while (_parent[current] != root)
        {
            var next = _parent[current];
            _parent[current] = root;
            current = next;
        }

        return root;
    }

    private static ulong Hash(string id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));
}
