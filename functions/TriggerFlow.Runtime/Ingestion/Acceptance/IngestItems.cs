using System.Text.Json;
using TriggerFlow.Input;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Ingestion.Acceptance;

/// <summary>A call mapped by the shared input mapping, as the acceptor takes it.</summary>
internal static class IngestItems
{
    /// <param name="posted">The call as posted: an unusable one keeps it, for the quarantine.</param>
    /// <param name="call">The Segment call type the endpoint implied; null when the item names its own.</param>
    public static IngestItem From(int index, MappedCall mapped, JsonElement posted, string? call) =>
        mapped switch
        {
            { Errors.Count: > 0 } => IngestItem.Rejected(index, mapped.MessageId, mapped.Errors),
            { IgnoredReason: { } reason } => IngestItem.Ignored(index, mapped.MessageId, reason),
            { Input: { } input, CustomerId: { } customer } => IngestItem.Valid(index, customer, CustomerInput.Of(input, mapped.MergeFrom)),
            _ => throw new InvalidOperationException("a mapped call is usable, ignored or unusable"),
        } with
        {
            IgnoredParts = mapped.IgnoredParts,
            RawJson = mapped.Errors.Count > 0 ? posted.GetRawText() : null,
            Call = mapped.Errors.Count > 0 ? call : null,
        };
}
