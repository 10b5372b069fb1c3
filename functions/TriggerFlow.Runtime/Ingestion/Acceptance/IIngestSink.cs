using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Ingestion.Acceptance;

/// <summary>
/// Where validated inputs go: one customer's inputs, in order, returning only once they are
/// durable. The host's sink calls the customer's grain; tests record what arrives.
/// </summary>
internal interface IIngestSink
{
    Task<IReadOnlyList<IngestOutcome>> IngestAsync(string customerId, IReadOnlyList<CustomerInput> inputs);
}

/// <summary>Delivers to <see cref="ICustomerGrain.Ingest"/>, which acknowledges after its write.</summary>
internal sealed class GrainIngestSink(IGrainFactory grains) : IIngestSink
{
    public async Task<IReadOnlyList<IngestOutcome>> IngestAsync(string customerId, IReadOnlyList<CustomerInput> inputs)
    {
        var receipt = await grains.GetGrain<ICustomerGrain>(customerId).Ingest(inputs);
        return receipt.Outcomes.Count == inputs.Count
            ? receipt.Outcomes
            : throw new InvalidOperationException($"customer `{customerId}` answered {receipt.Outcomes.Count} outcomes for {inputs.Count} inputs");
    }
}
