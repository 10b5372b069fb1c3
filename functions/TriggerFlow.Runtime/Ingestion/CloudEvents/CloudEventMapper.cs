using System.Text.Json;
using NodaTime;
using TriggerFlow.Input;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.Requests;

namespace TriggerFlow.Runtime.Ingestion.CloudEvents;

/// <summary>The host's side of the shared CloudEvents mapping (<see cref="Input.CloudEvents.CloudEventMapper"/>): a posted event, received now, becomes an ingest item.</summary>
internal sealed class CloudEventMapper(IngestionRequest request)
{
    private readonly Input.CloudEvents.CloudEventMapper _mapper = new(request.Catalog.Mapping);

    public IngestItem Map(JsonElement item, int index, string prefix) =>
        IngestItems.From(index, _mapper.Map(item, new CallContext(prefix, Instant.FromDateTimeOffset(request.ArrivalTime))), item, null);
}
