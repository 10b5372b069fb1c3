using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Tests.Ingestion;

/// <summary>Stands in for the customer grains: records each call and, like them, reports a repeated message id as a duplicate.</summary>
internal sealed class RecordingSink : IIngestSink
{
    private readonly Lock gate = new();
    private readonly HashSet<(string, string)> seen = [];

    /// <summary>Each ingest call: the customer and its inputs, in arrival order.</summary>
    public List<(string Customer, IReadOnlyList<CustomerInput> Inputs)> Calls { get; } = [];

    /// <summary>When set, every call fails as an unreachable grain would.</summary>
    public bool Failing { get; set; }

    public IReadOnlyList<(string Customer, CustomerInput Input)> Applied
    {
        get
        {
            lock (gate)
            {
                return [.. Calls.SelectMany(c => c.Inputs.Select(i => (c.Customer, i)))];
            }
        }
    }

    public Task<IReadOnlyList<IngestOutcome>> IngestAsync(string customerId, IReadOnlyList<CustomerInput> inputs)
    {
        if (Failing)
        {
            throw new TimeoutException("the customer grain did not answer");
        }

        lock (gate)
        {
            var outcomes = inputs.Select(i => seen.Add((customerId, i.MessageId)) ? IngestOutcome.Accepted : IngestOutcome.Duplicate).ToArray();
            Calls.Add((customerId, inputs.Where((_, n) => outcomes[n] == IngestOutcome.Accepted).ToArray()));
            return Task.FromResult<IReadOnlyList<IngestOutcome>>(outcomes);
        }
    }
}
