using System.Text.Json.Serialization;

namespace TriggerFlow.Runtime.Ingestion.Acceptance;

/// <summary>What became of one posted item.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ItemStatus>))]
public enum ItemStatus
{
    /// <summary>Applied to the customer and durable.</summary>
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    /// <summary>Its message id was seen before: acknowledged again, nothing changed.</summary>
    [JsonStringEnumMemberName("duplicate")]
    Duplicate,

    /// <summary>Its event time is beyond the allowed lateness: counted and reported by the grain, not applied.</summary>
    [JsonStringEnumMemberName("late")]
    Late,

    /// <summary>Valid, but of a kind TriggerFlow does not use (a Segment screen or group call; a page when the catalog has no page event).</summary>
    [JsonStringEnumMemberName("ignored")]
    Ignored,

    /// <summary>
    /// Unusable as posted (a wrong property type, a missing id): nothing of it was applied, and it is
    /// kept durably in the quarantine with its reasons, to be replayed after a fix
    /// (<c>POST /api/ingestion/quarantine/replay</c>). The answer's <c>errors</c> name its fields.
    /// </summary>
    [JsonStringEnumMemberName("quarantined")]
    Quarantined,

    /// <summary>
    /// Unusable and not kept either, because the quarantine is at its limits or the item is larger
    /// than a quarantined item may be: <c>reason</c> says which. Counted as dropped in the statistics.
    /// </summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,
}

/// <summary>One posted item's fate, at its position in the request (0 for a single event).</summary>
/// <param name="Index">The item's position in the batch.</param>
/// <param name="MessageId">The message id used for idempotency: the posted one, or <c>sha256:</c> and the hash of the item's JSON when none was posted.</param>
/// <param name="Status">What became of the item.</param>
/// <param name="Reason">Why an item was ignored; for a quarantined item its quarantine id; for a rejected one why it was not kept.</param>
public sealed record ItemResult(int Index, string MessageId, ItemStatus Status, string? Reason);

/// <summary>
/// The body of a 200: every item was durably accepted, recognised as a duplicate, ignored on
/// purpose, or kept in the quarantine. The counts add up to the number of items.
/// </summary>
/// <param name="Success">True unless an unusable item could not be kept (status <c>rejected</c>).</param>
/// <param name="Errors">Messages per bad field of the unusable items, keyed like <c>batch[2].timestamp</c> (Segment), <c>[1].subject</c> (CloudEvents batch) or <c>event</c> (a single call); empty when every item was usable.</param>
public sealed record IngestionResult(
    bool Success,
    int Accepted,
    int Duplicates,
    int Late,
    int Ignored,
    int Quarantined,
    int Rejected,
    IReadOnlyDictionary<string, string[]> Errors,
    IReadOnlyList<ItemResult> Items)
{
    public static IngestionResult From(IReadOnlyList<ItemResult> items, IReadOnlyDictionary<string, string[]> errors) => new(
        !items.Any(i => i.Status == ItemStatus.Rejected),
        Count(items, ItemStatus.Accepted),
        Count(items, ItemStatus.Duplicate),
        Count(items, ItemStatus.Late),
        Count(items, ItemStatus.Ignored),
        Count(items, ItemStatus.Quarantined),
        Count(items, ItemStatus.Rejected),
        errors,
        items);

    private static int Count(IReadOnlyList<ItemResult> items, ItemStatus status) => items.Count(i => i.Status == status);
}
