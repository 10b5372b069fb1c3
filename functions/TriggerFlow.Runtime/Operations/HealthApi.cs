using Microsoft.AspNetCore.Http.HttpResults;

namespace TriggerFlow.Runtime.Operations;

/// <summary>
/// <c>/healthz</c> (liveness: the process answers) and <c>/readyz</c> (readiness: see
/// <see cref="Readiness"/>). Open, like the probes of load balancers and orchestrators expect.
/// </summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("").WithTags("Operations").AddOpenApiOperationTransformer((operation, _, _) =>
        {
            // No key at all, overriding the document's write-key requirement: probes carry no credentials.
            operation.Security = [];
            return Task.CompletedTask;
        });

        health.MapGet("/healthz", Alive)
            .WithName("Liveness")
            .WithSummary("200 while the process runs");

        health.MapGet("/readyz", Ready)
            .WithName("Readiness")
            .WithSummary("200 when the silo is active, storage answers and a rule set is loaded; 503 otherwise")
            .Produces<ReadinessReport>(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    public static Ok<LivenessReport> Alive() => TypedResults.Ok(new LivenessReport("alive"));

    public static async Task<Results<Ok<ReadinessReport>, JsonHttpResult<ReadinessReport>>> Ready(Readiness readiness, CancellationToken cancellationToken)
    {
        var report = await readiness.CheckAsync(cancellationToken);
        return report.Status == "ready"
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>The liveness answer.</summary>
public sealed record LivenessReport(string Status);
