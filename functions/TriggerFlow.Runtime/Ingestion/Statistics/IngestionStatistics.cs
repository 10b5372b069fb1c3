using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using TriggerFlow.Input;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.Quarantine;

namespace TriggerFlow.Runtime.Ingestion.Statistics;

/// <summary>
/// What each source sent since the host started: items accepted, duplicate, late, ignored,
/// quarantined (by reason), dropped (by reason), replayed, and the parts left out on purpose by
/// name. Served by <c>GET /api/ingestion/stats</c> and exported as counters of the
/// <see cref="MeterName"/> meter, so dashboards see the same numbers. Names are kept bounded
/// (<see cref="StatisticsOptions.MaxNames"/>); metric tags carry no posted names at all.
/// </summary>
internal sealed class IngestionStatistics
{
    public const string MeterName = "TriggerFlow.Ingestion";

    private readonly ConcurrentDictionary<string, SourceCounters> _sources = new(StringComparer.Ordinal);
    private readonly int _maxNames;
    private readonly Counter<long> _items;
    private readonly Counter<long> _ignoredParts;
    private readonly Counter<long> _replayed;

    public IngestionStatistics(IOptions<StatisticsOptions> options, TimeProvider time, IMeterFactory meters)
    {
        _maxNames = options.Value.MaxNames;
        Since = time.GetUtcNow();
        var meter = meters.Create(MeterName);
        _items = meter.CreateCounter<long>("triggerflow.ingestion.items", "{item}", "Posted items by source and status: accepted, duplicate, late, ignored, quarantined, dropped.");
        _ignoredParts = meter.CreateCounter<long>("triggerflow.ingestion.ignored_parts", "{part}", "Parts of items left out on purpose, by source and kind: event, call, trait, property.");
        _replayed = meter.CreateCounter<long>("triggerflow.ingestion.quarantine.replayed", "{item}", "Quarantined items replayed and removed from the quarantine, by source.");
    }

    public DateTimeOffset Since { get; }

    /// <summary>Counts a request's items: their results, the reasons of the unusable ones and the parts left out.</summary>
    public void Record(string source, IReadOnlyList<IngestItem> items, IReadOnlyList<ItemResult> results, IReadOnlyDictionary<int, QuarantineVerdict> verdicts)
    {
        var counters = Counters(source);
        foreach (var (item, result) in items.Zip(results))
        {
            if (result.Status is ItemStatus.Quarantined or ItemStatus.Rejected)
            {
                counters.CountUnusable(item, verdicts[item.Index]);
            }

            counters.CountIgnoredParts(item.IgnoredParts);
        }

        Tally(source, counters, results);
        foreach (var kind in items.SelectMany(i => i.IgnoredParts).GroupBy(p => p.Kind, StringComparer.Ordinal))
        {
            _ignoredParts.Add(kind.Count(), new("source", source), new("kind", IgnoredKinds.Known(kind.Key)));
        }
    }

    /// <summary>Counts replayed items that left the quarantine under their source: their results, and one replay each.</summary>
    public void RecordReplayed(string source, IReadOnlyList<ItemResult> results)
    {
        var counters = Counters(source);
        Tally(source, counters, results);
        counters.AddReplayed(results.Count);
        _replayed.Add(results.Count, new KeyValuePair<string, object?>("source", source));
    }

    public StatisticsReport Snapshot() =>
        new(Since, _sources.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value.Snapshot(), StringComparer.Ordinal));

    private SourceCounters Counters(string source) => _sources.GetOrAdd(source, _ => new SourceCounters(_maxNames));

    private void Tally(string source, SourceCounters counters, IReadOnlyList<ItemResult> results)
    {
        foreach (var status in results.GroupBy(r => r.Status))
        {
            var count = status.Count();
            counters.Add(status.Key, count);
            _items.Add(count, new("source", source), new("status", StatusName(status.Key)));
        }
    }

    private static string StatusName(ItemStatus status) => status switch
    {
        ItemStatus.Accepted => "accepted",
        ItemStatus.Duplicate => "duplicate",
        ItemStatus.Late => "late",
        ItemStatus.Ignored => "ignored",
        ItemStatus.Quarantined => "quarantined",
        _ => "dropped",
    };
}

/// <summary>The kinds of <see cref="IgnoredPart"/> counted apart; any other kind is counted as <c>other</c>.</summary>
internal static class IgnoredKinds
{
    public static readonly string[] All = [IgnoredPart.Event, IgnoredPart.Call, IgnoredPart.Trait, IgnoredPart.Property, IgnoredPart.Time];

    public static string Known(string kind) => Array.IndexOf(All, kind) >= 0 ? kind : "other";
}

/// <summary>One source's counters. Totals are updated with interlocked adds; name lists are bounded and locked each on its own.</summary>
internal sealed class SourceCounters(int maxNames)
{
    private readonly long[] _byStatus = new long[Enum.GetValues<ItemStatus>().Length];
    private readonly BoundedCounts _quarantinedByReason = new(maxNames);
    private readonly BoundedCounts _droppedByReason = new(maxNames);
    private readonly Dictionary<string, BoundedCounts> _ignored = IgnoredKinds.All.Append("other").ToDictionary(k => k, _ => new BoundedCounts(maxNames), StringComparer.Ordinal);
    private long _replayed;

    public void Add(ItemStatus status, long count) => Interlocked.Add(ref _byStatus[(int)status], count);

    public void AddReplayed(long count) => Interlocked.Add(ref _replayed, count);

    /// <summary>A quarantined item counts once per field it has an error on; a dropped one once, by why it was not kept.</summary>
    public void CountUnusable(IngestItem item, QuarantineVerdict verdict)
    {
        if (verdict.DroppedReason is { } dropped)
        {
            _droppedByReason.Add(dropped);
            return;
        }

        foreach (var field in item.Errors.Select(e => ItemErrors.Relative(e.Field)).Distinct(StringComparer.Ordinal))
        {
            _quarantinedByReason.Add(field);
        }
    }

    public void CountIgnoredParts(IReadOnlyList<IgnoredPart> parts)
    {
        foreach (var part in parts)
        {
            _ignored[IgnoredKinds.Known(part.Kind)].Add(part.Name);
        }
    }

    public SourceStatistics Snapshot() => new(
        Count(ItemStatus.Accepted),
        Count(ItemStatus.Duplicate),
        Count(ItemStatus.Late),
        Count(ItemStatus.Ignored),
        Count(ItemStatus.Quarantined),
        Count(ItemStatus.Rejected),
        Interlocked.Read(ref _replayed),
        _quarantinedByReason.Snapshot(),
        _droppedByReason.Snapshot(),
        _ignored.Select(k => (k.Key, Counts: k.Value.Snapshot()))
            .Where(k => k.Key != "other" || k.Counts.Names.Count > 0)
            .ToDictionary(k => k.Key, k => k.Counts, StringComparer.Ordinal));

    private long Count(ItemStatus status) => Interlocked.Read(ref _byStatus[(int)status]);
}

/// <summary>The answer of <c>GET /api/ingestion/stats</c>.</summary>
/// <param name="Since">When counting started: the host's start.</param>
/// <param name="Sources">Each source that sent anything, by name.</param>
internal sealed record StatisticsReport(DateTimeOffset Since, IReadOnlyDictionary<string, SourceStatistics> Sources);

/// <summary>One source's counts since <see cref="StatisticsReport.Since"/>.</summary>
/// <param name="Accepted">Items applied to their customer.</param>
/// <param name="Duplicates">Items whose message id was seen before.</param>
/// <param name="Late">Items beyond the allowed lateness.</param>
/// <param name="Ignored">Items acknowledged and not used (a call type TriggerFlow does not take; an event the catalog does not know).</param>
/// <param name="Quarantined">Unusable items kept in the quarantine.</param>
/// <param name="Dropped">Unusable items not kept (quarantine full, item too large).</param>
/// <param name="Replayed">Quarantined items replayed and removed from the quarantine; their outcomes are in the counts above.</param>
/// <param name="QuarantinedByReason">Quarantined items by the field they were wrong on (<c>properties.price</c>, <c>userId</c>).</param>
/// <param name="DroppedByReason">Dropped items by why they were not kept.</param>
/// <param name="IgnoredByName">Parts left out on purpose, by kind (<c>event</c>, <c>call</c>, <c>trait</c>, <c>property</c>) and name.</param>
internal sealed record SourceStatistics(
    long Accepted,
    long Duplicates,
    long Late,
    long Ignored,
    long Quarantined,
    long Dropped,
    long Replayed,
    NameCounts QuarantinedByReason,
    NameCounts DroppedByReason,
    IReadOnlyDictionary<string, NameCounts> IgnoredByName);
