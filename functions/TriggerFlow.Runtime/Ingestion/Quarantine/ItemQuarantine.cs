using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.Requests;

namespace TriggerFlow.Runtime.Ingestion.Quarantine;

/// <summary>What the quarantine did with one unusable item: kept it under <see cref="Id"/>, or dropped it and why.</summary>
/// <param name="DroppedReason">A short, fixed reason (<c>quarantine full</c>, <c>item too large</c>) the statistics count by.</param>
/// <param name="Detail">The sentence the answer gives for a dropped item.</param>
internal sealed record QuarantineVerdict(string? Id, string? DroppedReason, string? Detail)
{
    public const string Full = "quarantine full";
    public const string TooLarge = "item too large";
    public const string Unavailable = "posted JSON unavailable";

    public static QuarantineVerdict Kept(string id) => new(id, null, null);

    public static QuarantineVerdict Dropped(string reason, string detail) => new(null, reason, detail);
}

/// <summary>
/// Keeps unusable items within the configured bounds and reads them back for listing, download and
/// replay. The filters and paging live here once; the store only keeps, reads and removes.
/// </summary>
internal sealed class ItemQuarantine(IQuarantineStore store, IOptions<QuarantineOptions> options)
{
    /// <summary>Entries read from the store per round trip when scanning.</summary>
    public const int ScanChunk = 256;

    private readonly QuarantineOptions _options = options.Value;

    public IQuarantineStore Store => store;

    /// <summary>Keeps each unusable item (one verdict per item, in order); completes once the kept ones are durable.</summary>
    public async Task<IReadOnlyList<QuarantineVerdict>> KeepAsync(Arrival arrival, IReadOnlyList<IngestItem> unusable)
    {
        var verdicts = new QuarantineVerdict?[unusable.Count];
        var entries = new List<(int Position, QuarantineEntry Entry)>(unusable.Count);
        for (var i = 0; i < unusable.Count; i++)
        {
            var item = unusable[i];
            if (item.RawJson is null)
            {
                verdicts[i] = QuarantineVerdict.Dropped(QuarantineVerdict.Unavailable, "not kept: the item's posted JSON was not available to keep");
                continue;
            }

            var entry = QuarantineEntry.Of(arrival, item);
            if (entry.Size > _options.MaxItemBytes)
            {
                verdicts[i] = QuarantineVerdict.Dropped(
                    QuarantineVerdict.TooLarge,
                    $"not kept in the quarantine: the item is {entry.Size:N0} bytes and at most {_options.MaxItemBytes:N0} are kept per item");
                continue;
            }

            entries.Add((i, entry));
        }

        if (entries.Count > 0)
        {
            var results = await store.KeepAsync([.. entries.Select(e => e.Entry)], new QuarantineLimits(_options.MaxItems, _options.MaxBytes));
            for (var n = 0; n < entries.Count; n++)
            {
                verdicts[entries[n].Position] = results[n] == KeepResult.Full
                    ? QuarantineVerdict.Dropped(
                        QuarantineVerdict.Full,
                        $"not kept: the quarantine is full (at most {_options.MaxItems:N0} items and {_options.MaxBytes:N0} bytes); replay or discard what it holds")
                    : QuarantineVerdict.Kept(entries[n].Entry.Id);
            }
        }

        return verdicts!;
    }

    /// <summary>One page of entries after <paramref name="after"/> that match the filter, and the cursor for the next page (null at the end).</summary>
    public async Task<(IReadOnlyList<QuarantineEntry> Entries, long? Next)> PageAsync(QuarantineFilter filter, long after, int limit, CancellationToken cancellation)
    {
        var page = new List<QuarantineEntry>(limit);
        await foreach (var entry in ScanAsync(filter, after, withRaw: false, cancellation))
        {
            if (page.Count == limit)
            {
                return (page, page[^1].Sequence);
            }

            page.Add(entry);
        }

        return (page, null);
    }

    /// <summary>Every entry after <paramref name="after"/> that matches the filter, in order of arrival, read a chunk at a time.</summary>
    public async IAsyncEnumerable<QuarantineEntry> ScanAsync(QuarantineFilter filter, long after, bool withRaw, [EnumeratorCancellation] CancellationToken cancellation)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var chunk = await store.ReadAsync(after, ScanChunk, withRaw);
            foreach (var entry in chunk.Where(filter.Matches))
            {
                yield return entry;
            }

            if (chunk.Count < ScanChunk)
            {
                yield break;
            }

            after = chunk[^1].Sequence;
        }
    }
}

/// <summary>
/// Which entries an operator means. Each given criterion must hold: <see cref="Reason"/> appears
/// in an error's field or message, <see cref="Event"/> is the posted event name, <see cref="Source"/>
/// the source's name (the last two ignoring case). No criterion means every entry.
/// </summary>
internal sealed record QuarantineFilter(string? Reason, string? Event, string? Source)
{
    public static readonly QuarantineFilter All = new(null, null, null);

    public bool Matches(QuarantineEntry entry) =>
        (string.IsNullOrEmpty(Source) || string.Equals(entry.Source, Source, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Event) || string.Equals(entry.Event, Event, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Reason) || entry.Errors.Any(e =>
            e.Field.Contains(Reason, StringComparison.OrdinalIgnoreCase) || e.Message.Contains(Reason, StringComparison.OrdinalIgnoreCase)));
}
