using System.Text;
using Microsoft.Extensions.Options;
using TriggerFlow.Input;
using TriggerFlow.Runtime.Deployment;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.CloudEvents;
using TriggerFlow.Runtime.Ingestion.Requests;
using TriggerFlow.Runtime.Ingestion.Segment;
using TriggerFlow.Runtime.Ingestion.Statistics;
using TriggerFlow.Runtime.Ingestion.Validation;

namespace TriggerFlow.Runtime.Ingestion.Quarantine;

/// <summary>Which quarantined items to replay: these ids, or every item the filter matches.</summary>
internal sealed record ReplaySelection(IReadOnlyList<string>? Ids, QuarantineFilter Filter);

/// <summary>
/// Runs quarantined items through the path a live post takes, against the catalog active now: the
/// same mapper as their endpoint (as of the time they were received), then the customers. Items
/// that now map are delivered and only then removed from the quarantine; the others stay, and the
/// report says why. A chunk at a time, so a full quarantine replays in bounded memory.
/// </summary>
internal sealed class QuarantineReplay(ItemQuarantine quarantine, Acceptor acceptor, IngestionStatistics statistics, IRuleBookProvider rules, IOptions<IngestionOptions> options)
{
    /// <summary>Most still-unusable items the report lists one by one; it counts them all.</summary>
    public const int MaxListed = 100;

    public async Task<ReplayReport> ReplayAsync(ReplaySelection selection, CancellationToken cancellation)
    {
        var catalog = new InputCatalog(rules.Catalog, options.Value);
        var tally = new ReplayTally();
        if (selection.Ids is { } ids)
        {
            foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(ItemQuarantine.ScanChunk))
            {
                var found = await quarantine.Store.FindAsync(chunk);
                tally.Missing += chunk.Length - found.Count;
                await ReplayAsync(found, catalog, tally);
            }

            return tally.Report();
        }

        var entries = new List<QuarantineEntry>(ItemQuarantine.ScanChunk);
        await foreach (var entry in quarantine.ScanAsync(selection.Filter, 0, withRaw: true, cancellation))
        {
            entries.Add(entry);
            if (entries.Count == ItemQuarantine.ScanChunk)
            {
                await ReplayAsync(entries, catalog, tally);
                entries.Clear();
            }
        }

        await ReplayAsync(entries, catalog, tally);
        return tally.Report();
    }

    private async Task ReplayAsync(IReadOnlyList<QuarantineEntry> entries, InputCatalog catalog, ReplayTally tally)
    {
        var mapped = entries.Select((entry, index) => (Entry: entry, Item: Map(entry, index, catalog))).ToArray();
        var usable = mapped.Where(m => m.Item.Errors.Count == 0).ToArray();
        var statuses = await acceptor.DeliverAsync([.. usable.Select(m => m.Item)]);

        // Removed only once delivered: a crash in between replays them again, as duplicates.
        await quarantine.Store.RemoveAsync([.. usable.Select(m => m.Entry.Id)]);
        foreach (var source in usable.GroupBy(m => m.Entry.Source, StringComparer.Ordinal))
        {
            var results = source.Select(m => new ItemResult(m.Item.Index, m.Item.MessageId, statuses[m.Item.Index], m.Item.IgnoredReason)).ToArray();
            statistics.RecordReplayed(source.Key, results);
            tally.Count(results);
        }

        foreach (var (entry, item) in mapped.Where(m => m.Item.Errors.Count > 0))
        {
            tally.StillUnusable(new UnusableEntry(entry.Id, entry.Event, item.Errors));
        }
    }

    /// <summary>The item as its endpoint's mapper sees it now: the same call, the same arrival time, the active catalog.</summary>
    private IngestItem Map(QuarantineEntry entry, int index, InputCatalog catalog)
    {
        var request = new IngestionRequest(ReadOnlyMemory<byte>.Empty, new HeaderDictionary(), catalog, options.Value, entry.ReceivedAt);

        // One level more than a body may have: a binary-mode CloudEvent's data sat one level deeper once its headers became attributes.
        using var document = JsonBodies.TryParse(Encoding.UTF8.GetBytes(entry.RawJson!), options.Value.MaxJsonDepth + 1, out var error);
        if (document is null)
        {
            return IngestItem.Rejected(index, entry.MessageId, [new FieldError("$", error!)]);
        }

        return entry.Format == PayloadFormat.Segment
            ? new SegmentMapper(request).Map(document.RootElement, entry.Call, index, "")
            : new CloudEventMapper(request).Map(document.RootElement, index, "");
    }

    private sealed class ReplayTally
    {
        private readonly List<UnusableEntry> _listed = [];
        private readonly Dictionary<ItemStatus, int> _statuses = [];
        private int _unusable;

        public int Missing { get; set; }

        public void Count(IEnumerable<ItemResult> results)
        {
            foreach (var result in results)
            {
                _statuses[result.Status] = _statuses.GetValueOrDefault(result.Status) + 1;
            }
        }

        public void StillUnusable(UnusableEntry entry)
        {
            _unusable++;
            if (_listed.Count < MaxListed)
            {
                _listed.Add(entry);
            }
        }

        public ReplayReport Report() => new(
            _statuses.Values.Sum(),
            _statuses.GetValueOrDefault(ItemStatus.Accepted),
            _statuses.GetValueOrDefault(ItemStatus.Duplicate),
            _statuses.GetValueOrDefault(ItemStatus.Late),
            _statuses.GetValueOrDefault(ItemStatus.Ignored),
            _unusable,
            Missing,
            _listed);
    }
}

/// <summary>The answer of a replay.</summary>
/// <param name="Replayed">Items that now mapped, were handed to their customers and left the quarantine.</param>
/// <param name="Accepted">Of those, applied to their customer.</param>
/// <param name="Duplicates">Of those, already applied before (their message id was seen).</param>
/// <param name="Late">Of those, beyond the allowed lateness.</param>
/// <param name="Ignored">Of those, acknowledged and not used.</param>
/// <param name="StillUnusable">Items that still do not map; they stay in the quarantine.</param>
/// <param name="Missing">Requested ids that are not in the quarantine (already replayed or discarded).</param>
/// <param name="Unusable">The first 100 still-unusable items with today's reasons.</param>
internal sealed record ReplayReport(int Replayed, int Accepted, int Duplicates, int Late, int Ignored, int StillUnusable, int Missing, IReadOnlyList<UnusableEntry> Unusable);

/// <summary>A quarantined item that a replay could still not use, and why.</summary>
internal sealed record UnusableEntry(string Id, string? Event, IReadOnlyList<FieldError> Errors);
