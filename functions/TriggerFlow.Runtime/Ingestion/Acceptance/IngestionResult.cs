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

    /// <summary>Invalid; the problem's <c>errors</c> name its fields. Nothing of it was applied.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,
}

/// <summary>One posted item's fate, at its position in the request (0 for a single event).</summary>
/// <param name="Index">The item's position in the batch.</param>
/// <param name="MessageId">The message id used for idempotency: the posted one, or <c>sha256:</c> and the hash of the item's JSON when none was posted.</param>
/// <param name="Status">What became of the item.</param>
/// <param name="Reason">Why an item was ignored.</param>
public sealed record ItemResult(int Index, string MessageId, ItemStatus Status, string? Reason);

/// <summary>The body of a 200: every item was durably accepted, recognised as a duplicate, or ignored on purpose.</summary>
/// <param name="Success">Always true, as in Segment's own answer.</param>
public sealed record IngestionResult(bool Success, int Accepted, int Duplicates, int Late, int Ignored, int Rejected, IReadOnlyList<ItemResult> Items)
{
    public static IngestionResult From(IReadOnlyList<ItemResult> items) => new(
        !items.Any(i => i.Status == ItemStatus.Rejected),
        Count(items, ItemStatus.Accepted),
        Count(items, ItemStatus.Duplicate),
        Count(items, ItemStatus.Late),
        Count(items, ItemStatus.Ignored),
        Count(items, ItemStatus.Rejected),
        items);

    private static int Count(IReadOnlyList<ItemResult> items, ItemStatus status) => items.Count(i => i.Status == status);
}
