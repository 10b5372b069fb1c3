namespace TriggerFlow.Simulation.Input;

/// <summary>
/// What a reader saw besides the inputs it produced: counts, and the names it could not use,
/// each kept once so a million unknown events make one warning, not a million.
/// </summary>
public sealed class ReadStatistics
{
    private readonly SortedDictionary<string, long> _unknownEvents = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _ignoredCalls = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _ignoredFields = new(StringComparer.Ordinal);

    /// <summary>Lines (JSON) or records (CSV) read, header excluded.</summary>
    public long Lines { get; internal set; }

    public long Events { get; internal set; }

    public long Profiles { get; internal set; }

    public long Merges { get; internal set; }

    public long BadLines { get; internal set; }

    /// <summary>Inputs that arrived earlier than one already replayed, beyond what the reorder buffer could sort.</summary>
    public long OutOfOrder { get; internal set; }

    /// <summary>Event names not in the catalog (after <c>--event-map</c>), with how often each was seen.</summary>
    public IReadOnlyDictionary<string, long> UnknownEvents => _unknownEvents;

    /// <summary>Segment calls that carry nothing the engine uses (screen, group, pages without a page event).</summary>
    public IReadOnlyDictionary<string, long> IgnoredCalls => _ignoredCalls;

    /// <summary>Properties, traits and columns not in the catalog: <c>event: property</c>, <c>trait: name</c>, <c>column: name</c>.</summary>
    public IReadOnlyCollection<string> IgnoredFields => _ignoredFields;

    /// <summary>Adds what another reader of the same file saw (a parallel reader keeps one per thread).</summary>
    internal void Add(ReadStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Lines += other.Lines;
        Events += other.Events;
        Profiles += other.Profiles;
        Merges += other.Merges;
        BadLines += other.BadLines;
        OutOfOrder += other.OutOfOrder;
        foreach (var (name, count) in other._unknownEvents)
        {
            _unknownEvents[name] = _unknownEvents.GetValueOrDefault(name) + count;
        }

        foreach (var (type, count) in other._ignoredCalls)
        {
            _ignoredCalls[type] = _ignoredCalls.GetValueOrDefault(type) + count;
        }

        _ignoredFields.UnionWith(other._ignoredFields);
    }

    internal void UnknownEvent(string name) => _unknownEvents[name] = _unknownEvents.GetValueOrDefault(name) + 1;

    internal void IgnoredCall(string type) => _ignoredCalls[type] = _ignoredCalls.GetValueOrDefault(type) + 1;

    internal void IgnoredField(string description) => _ignoredFields.Add(description);

    /// <summary>One line per kind of thing that was left out, for stderr.</summary>
    public IEnumerable<string> Warnings()
    {
        foreach (var (name, count) in _unknownEvents)
        {
            yield return $"warning: event `{name}` is not in the catalog: {count} ignored (map it with --event-map \"{name}=<catalog event>\")";
        }

        foreach (var (type, count) in _ignoredCalls)
        {
            yield return $"warning: {count} `{type}` {(count == 1 ? "call" : "calls")} ignored";
        }

        if (_ignoredFields.Count > 0)
        {
            yield return $"warning: not in the catalog, ignored: {string.Join(", ", _ignoredFields)}";
        }

        if (OutOfOrder > 0)
        {
            yield return $"warning: {OutOfOrder} inputs were too far out of arrival order to sort; they were replayed where they stood (sort the file by time for exact results)";
        }
    }
}
