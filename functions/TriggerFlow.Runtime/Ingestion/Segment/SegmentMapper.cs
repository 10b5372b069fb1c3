using System.Text.Json;
using NodaTime;
using TriggerFlow.Input;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.Requests;

namespace TriggerFlow.Runtime.Ingestion.Segment;

/// <summary>
/// The host's side of the shared Segment mapping (<see cref="Input.Segment.SegmentMapper"/>, which
/// the backtest reads files through too): a posted call, received now, becomes an ingest item.
/// </summary>
internal sealed class SegmentMapper(IngestionRequest request)
{
    private readonly Input.Segment.SegmentMapper _mapper = new(request.Catalog.Mapping);

    /// <param name="call">The call type the endpoint implies; null for batch items, which say.</param>
    /// <param name="sentAt">The batch's <c>sentAt</c>, for items that carry none.</param>
    public IngestItem Map(JsonElement item, string? call, int index, string prefix, Instant? sentAt = null) =>
        IngestItems.From(index, _mapper.Map(item, new CallContext(prefix, Instant.FromDateTimeOffset(request.ArrivalTime), sentAt, call)), item, call);
}
