using Microsoft.AspNetCore.Http.HttpResults;
using TriggerFlow.Runtime.Ingestion.Requests;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Ingestion.Acceptance;

/// <summary>
/// Hands a request's valid items to their customers and answers: one ingest call per customer with
/// that customer's items in posted order, customers in parallel, and the answer only after every
/// call returned. Invalid items are never sent, so none is half-applied.
/// </summary>
internal sealed partial class Acceptor(IIngestSink sink, ILogger<Acceptor> logger)
{
    public async Task<Results<Ok<IngestionResult>, ValidationProblem, ProblemHttpResult>> AcceptAsync(HttpContext context, IReadOnlyList<IngestItem> items)
    {
        var customers = items.Where(i => i.Input is not null).GroupBy(i => i.CustomerId!, StringComparer.Ordinal).ToArray();
        IReadOnlyList<IngestOutcome>[] outcomes;
        try
        {
            outcomes = await Task.WhenAll(customers.Select(c => sink.IngestAsync(c.Key, c.Select(i => i.Input!).ToArray())));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, customers.Length);
            return IngestionProblems.Failed(context);
        }

        var statuses = new Dictionary<int, ItemStatus>();
        for (var c = 0; c < customers.Length; c++)
        {
            foreach (var (item, outcome) in customers[c].Zip(outcomes[c]))
            {
                statuses[item.Index] = Status(outcome);
            }
        }

        var results = items.Select(i => new ItemResult(i.Index, i.MessageId, Status(i, statuses), i.IgnoredReason)).ToArray();
        return items.Any(i => i.Errors.Count > 0) ? Rejected(items, results) : TypedResults.Ok(IngestionResult.From(results));
    }

    private static ItemStatus Status(IngestItem item, Dictionary<int, ItemStatus> statuses) =>
        item.Errors.Count > 0 ? ItemStatus.Rejected
        : item.IgnoredReason is not null ? ItemStatus.Ignored
        : statuses[item.Index];

    private static ItemStatus Status(IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Duplicate => ItemStatus.Duplicate,
        IngestOutcome.Late => ItemStatus.Late,
        _ => ItemStatus.Accepted,
    };

    private static ValidationProblem Rejected(IReadOnlyList<IngestItem> items, ItemResult[] results)
    {
        var errors = items.SelectMany(i => i.Errors)
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        var summary = IngestionResult.From(results);
        var kept = results.Length - summary.Rejected;
        return TypedResults.ValidationProblem(
            errors,
            detail: $"{summary.Rejected} of {results.Length} items were rejected and changed nothing; the other {kept} were handled as `items` says",
            title: "Some items were rejected",
            type: IngestionProblems.InvalidInput,
            extensions: new Dictionary<string, object?>
            {
                ["accepted"] = summary.Accepted,
                ["duplicates"] = summary.Duplicates,
                ["late"] = summary.Late,
                ["ignored"] = summary.Ignored,
                ["rejected"] = summary.Rejected,
                ["items"] = results,
            });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingest failed for a request spanning {Customers} customers; answered 503")]
    private static partial void LogFailed(ILogger logger, Exception exception, int customers);
}
