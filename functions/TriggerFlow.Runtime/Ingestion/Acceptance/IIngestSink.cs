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
    // GetGrain<T>(key) resolves T's grain type from its name on every call; a batch makes a hundred
    // such calls, so the customer grain's type is resolved once and each reference made from its id.
    private readonly Lazy<(GrainType Grain, GrainInterfaceType Interface)> _customerType = new(() =>
    {
        var probe = (GrainReference)grains.GetGrain<ICustomerGrain>("type-probe");
        return (probe.GrainId.Type, probe.InterfaceType);
    });

    /// <summary>The reference <c>GetGrain&lt;ICustomerGrain&gt;(customerId)</c> returns, without resolving the type again.</summary>
    public ICustomerGrain Customer(string customerId)
    {
        // The check GetGrain<T>(key) makes.
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        var (grain, @interface) = _customerType.Value;
        return (ICustomerGrain)grains.GetGrain(GrainId.Create(grain, customerId), @interface);
    }

    public async Task<IReadOnlyList<IngestOutcome>> IngestAsync(string customerId, IReadOnlyList<CustomerInput> inputs)
    {
        var receipt = await Customer(customerId).Ingest(inputs);
        return receipt.Outcomes.Count == inputs.Count
            ? receipt.Outcomes
            : throw new InvalidOperationException($"customer `{customerId}` answered {receipt.Outcomes.Count} outcomes for {inputs.Count} inputs");
    }
}
