using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Ingestion.Acceptance;

/// <summary>A field of a posted item that is wrong, named as the client wrote it (<c>batch[2].timestamp</c>).</summary>
internal sealed record FieldError(string Field, string Message);

/// <summary>
/// One posted item after mapping and validation: an input for a customer's grain, an item that is
/// acknowledged but deliberately not used (<see cref="IgnoredReason"/>), or a rejected one.
/// </summary>
internal sealed record IngestItem(int Index, string MessageId, string? CustomerId, CustomerInput? Input, string? IgnoredReason, IReadOnlyList<FieldError> Errors)
{
    public static IngestItem Valid(int index, string customerId, CustomerInput input) => new(index, input.MessageId, customerId, input, null, []);

    public static IngestItem Ignored(int index, string messageId, string reason) => new(index, messageId, null, null, reason, []);

    public static IngestItem Rejected(int index, string messageId, IReadOnlyList<FieldError> errors) => new(index, messageId, null, null, null, errors);
}
