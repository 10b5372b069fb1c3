using TriggerFlow.Input;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Ingestion.Acceptance;

/// <summary>A call mapped by the shared input mapping, as the acceptor takes it.</summary>
internal static class IngestItems
{
    public static IngestItem From(int index, MappedCall mapped) =>
        mapped switch
        {
            { Errors.Count: > 0 } => IngestItem.Rejected(index, mapped.MessageId, mapped.Errors),
            { IgnoredReason: { } reason } => IngestItem.Ignored(index, mapped.MessageId, reason),
            { Input: { } input, CustomerId: { } customer } => IngestItem.Valid(index, customer, CustomerInput.Of(input, mapped.MergeFrom)),
            _ => throw new InvalidOperationException("a mapped call is usable, ignored or unusable"),
        } with
        {
            IgnoredParts = mapped.IgnoredParts,
        };
}
