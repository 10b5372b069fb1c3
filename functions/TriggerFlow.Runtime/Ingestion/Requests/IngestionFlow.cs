using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TriggerFlow.Runtime.Deployment;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.Validation;

namespace TriggerFlow.Runtime.Ingestion.Requests;

/// <summary>An admitted request as a payload mapper sees it: the body, the active catalog and the arrival time.</summary>
internal sealed record IngestionRequest(ReadOnlyMemory<byte> Body, IHeaderDictionary Headers, InputCatalog Catalog, IngestionOptions Options, DateTimeOffset ArrivalTime);

/// <summary>A payload's items, or the problem that stops the whole request (malformed JSON, too many items).</summary>
internal sealed record MappedItems(IReadOnlyList<IngestItem> Items, ProblemHttpResult? Problem)
{
    public static MappedItems Of(params IReadOnlyList<IngestItem> items) => new(items, null);

    public static MappedItems Refused(ProblemHttpResult problem) => new([], problem);
}

/// <summary>The payload format an endpoint takes; it chooses the mapper, also when a quarantined item is replayed.</summary>
internal enum PayloadFormat
{
    /// <summary>Segment Tracking API calls.</summary>
    Segment,

    /// <summary>CloudEvents 1.0 (structured, batched or binary mode).</summary>
    CloudEvents,
}

/// <summary>Where and when a request's items came from: its source, its format and the time it was received.</summary>
internal sealed record Arrival(string Source, PayloadFormat Format, DateTimeOffset ReceivedAt);

/// <summary>The content types an endpoint accepts, and how a 415 describes them.</summary>
internal sealed record ContentTypes(Func<HttpRequest, bool> Accepts, string Description);

/// <summary>The one path every ingestion endpoint takes: gate, map and validate, hand to customers (or the quarantine), answer.</summary>
internal sealed class IngestionFlow(RequestGate gate, Acceptor acceptor, IRuleBookProvider rules, IOptions<IngestionOptions> options, TimeProvider time)
{
    public async Task<Results<Ok<IngestionResult>, ProblemHttpResult>> RunAsync(
        HttpContext context, PayloadFormat format, ContentTypes contentTypes, Func<IngestionRequest, MappedItems> map)
    {
        var (admitted, rejection) = await gate.AdmitAsync(context, contentTypes.Accepts, contentTypes.Description);
        if (admitted is not { } request)
        {
            return rejection!;
        }

        var catalog = new InputCatalog(rules.Catalog, options.Value);
        var arrival = new Arrival(request.Source.Name, format, time.GetUtcNow());
        var mapped = map(new IngestionRequest(request.Body, context.Request.Headers, catalog, options.Value, arrival.ReceivedAt));
        return mapped.Problem is { } problem ? problem : await acceptor.AcceptAsync(context, arrival, mapped.Items);
    }
}
