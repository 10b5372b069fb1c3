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

    public static IngestItem Valid(int index, string customerId, CustomerInput input) => new(index, input.MessageId, customerId, input, null, []);

    public static IngestItem Ignored(int index, string messageId, string reason) => new(index, messageId, null, null, reason, []);

    public static IngestItem Rejected(int index, string messageId, IReadOnlyList<FieldError> errors) => new(index, messageId, null, null, null, errors);
}

