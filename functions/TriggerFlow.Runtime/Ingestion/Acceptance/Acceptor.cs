using Microsoft.AspNetCore.Http.HttpResults;
using TriggerFlow.Runtime.Ingestion.Quarantine;
using TriggerFlow.Runtime.Ingestion.Requests;
using TriggerFlow.Runtime.Ingestion.Statistics;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Ingestion.Acceptance;

/// <summary>
/// Hands a request's usable items to their customers and its unusable ones to the quarantine, and
/// answers 200 only after both are durable: one ingest call per customer with that customer's items
/// in posted order, customers in parallel beside the quarantine write. Unusable items are never
/// sent to a customer, so none is half-applied; they are kept to be replayed after a fix.
/// </summary>
internal sealed partial class Acceptor(IIngestSink sink, ItemQuarantine quarantine, IngestionStatistics statistics, ILogger<Acceptor> logger)
{
    public async Task<Results<Ok<IngestionResult>, ProblemHttpResult>> AcceptAsync(HttpContext context, Arrival arrival, IReadOnlyList<IngestItem> items)
    {
        var unusable = items.Where(i => i.Errors.Count > 0).ToArray();
        var keeping = unusable.Length == 0 ? Task.FromResult<IReadOnlyList<QuarantineVerdict>>([]) : quarantine.KeepAsync(arrival, unusable);
        var delivering = DeliverAsync(items);
        try
        {
            await Task.WhenAll(keeping, delivering);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, items.Count, unusable.Length);
            return IngestionProblems.Failed(context);
        }

        var verdicts = unusable.Zip(keeping.Result).ToDictionary(v => v.First.Index, v => v.Second);
        var statuses = delivering.Result;
        var results = items.Select(i => Result(i, statuses, verdicts)).ToArray();
        statistics.Record(arrival.Source, items, results, verdicts);
        if (verdicts.Values.Count(v => v.Id is null) is > 0 and var dropped)
        {
            LogDropped(logger, dropped, arrival.Source);
        }

        return TypedResults.Ok(IngestionResult.From(results, Errors(unusable)));
    }

    /// <summary>
    /// Hands the usable items to their customers (one call per customer, in posted order) and
    /// answers the status of every usable or ignored item by its index. Live requests and replays
    /// of quarantined items both come through here. Throws when a customer could not be reached.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, ItemStatus>> DeliverAsync(IReadOnlyList<IngestItem> items)
    {
        var customers = items.Where(i => i.Input is not null).GroupBy(i => i.CustomerId!, StringComparer.Ordinal).ToArray();
        var outcomes = await Task.WhenAll(customers.Select(c => sink.IngestAsync(c.Key, c.Select(i => i.Input!).ToArray())));
        var statuses = items.Where(i => i.Errors.Count == 0 && i.IgnoredReason is not null).ToDictionary(i => i.Index, _ => ItemStatus.Ignored);
        for (var c = 0; c < customers.Length; c++)
        {
            foreach (var (item, outcome) in customers[c].Zip(outcomes[c]))
            {
                statuses[item.Index] = Status(outcome);
            }
        }

        return statuses;
    }

    private static ItemResult Result(IngestItem item, IReadOnlyDictionary<int, ItemStatus> statuses, Dictionary<int, QuarantineVerdict> verdicts)
    {
        if (item.Errors.Count == 0)
        {
            return new ItemResult(item.Index, item.MessageId, statuses[item.Index], item.IgnoredReason);
        }

        var verdict = verdicts[item.Index];
        return verdict.Id is { } id
            ? new ItemResult(item.Index, item.MessageId, ItemStatus.Quarantined, $"kept in the quarantine as `{id}`; `errors` says why")
            : new ItemResult(item.Index, item.MessageId, ItemStatus.Rejected, verdict.Detail);
    }

    private static ItemStatus Status(IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Duplicate => ItemStatus.Duplicate,
        IngestOutcome.Late => ItemStatus.Late,
        _ => ItemStatus.Accepted,
    };

    private static Dictionary<string, string[]> Errors(IngestItem[] unusable) =>
        unusable.SelectMany(i => i.Errors)
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingest failed for a request of {Items} items ({Unusable} for the quarantine); answered 503")]
    private static partial void LogFailed(ILogger logger, Exception exception, int items, int unusable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dropped} unusable items from source {Source} were not kept in the quarantine (full, or too large); see GET /api/ingestion/stats")]
    private static partial void LogDropped(ILogger logger, int dropped, string source);
}
