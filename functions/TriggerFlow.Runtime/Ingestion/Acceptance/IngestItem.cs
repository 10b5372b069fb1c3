using TriggerFlow.Input;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Ingestion.Acceptance;

/// <summary>
/// One posted item after mapping and validation: an input for a customer's grain, an item that is
/// acknowledged but deliberately not used (<see cref="IgnoredReason"/>), or a rejected one.
/// </summary>
internal sealed record IngestItem(int Index, string MessageId, string? CustomerId, CustomerInput? Input, string? IgnoredReason, IReadOnlyList<FieldError> Errors)
{
    /// <summary>
    /// What of this item was left out on purpose, for the ingestion statistics: an event the catalog
    /// does not know, a call type TriggerFlow does not use, an undeclared trait or property. An item
    /// can be accepted and still leave parts out.
    /// </summary>
    public IReadOnlyList<IgnoredPart> IgnoredParts { get; init; } = [];

    /// <summary>
    /// For an item with <see cref="Errors"/>: its JSON exactly as posted, which the quarantine keeps
    /// so the item can be replayed once the catalog or the source is fixed. Null for usable items.
    /// </summary>
    public string? RawJson { get; init; }

    /// <summary>
    /// The Segment call type the endpoint implied (<c>track</c> for <c>/v1/track</c>); null when the
    /// item names its own (a batch item's <c>type</c>) or is not a Segment call.
    /// </summary>
    public string? Call { get; init; }

    public static IngestItem Valid(int index, string customerId, CustomerInput input) => new(index, input.MessageId, customerId, input, null, []);

    public static IngestItem Ignored(int index, string messageId, string reason) => new(index, messageId, null, null, reason, []);

    public static IngestItem Rejected(int index, string messageId, IReadOnlyList<FieldError> errors) => new(index, messageId, null, null, null, errors);
}

