using Microsoft.AspNetCore.Http.HttpResults;
using TriggerFlow.Runtime.Ingestion.Quarantine;
using TriggerFlow.Runtime.Operations;

namespace TriggerFlow.Runtime.Ingestion.Statistics;

/// <summary><c>GET /api/ingestion/stats</c>: what each source sent since the host started. Admin key required.</summary>
internal static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ingestion/stats", Get)
            .WithTags("Ingestion operations")
            .WithName("IngestionStatistics")
            .WithSummary("Items per source since start: accepted, duplicates, late, ignored (with the names left out), quarantined and dropped (by reason), replayed")
            .WithDescription("Counts since this host started, per source. Names (ignored events, traits, properties; quarantine reasons) are kept for the most counted ones, at most `TriggerFlow:Ingestion:Statistics:MaxNames` per list; the rest are summed as `other`. The same counts are exported as metrics of the `TriggerFlow.Ingestion` meter.")
            .RequireAdminKey()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    public static async Task<Ok<IngestionStats>> Get(IngestionStatistics statistics, ItemQuarantine quarantine)
    {
        var report = statistics.Snapshot();
        return TypedResults.Ok(new IngestionStats(report.Since, await quarantine.Store.SizeAsync(), report.Sources));
    }
}

/// <summary>The answer of <c>GET /api/ingestion/stats</c>.</summary>
/// <param name="Since">When counting started: the host's start.</param>
/// <param name="Quarantine">What the quarantine holds now (it outlives restarts; the counts do not).</param>
/// <param name="Sources">Each source that sent anything since, by name.</param>
internal sealed record IngestionStats(DateTimeOffset Since, QuarantineSize Quarantine, IReadOnlyDictionary<string, SourceStatistics> Sources);
