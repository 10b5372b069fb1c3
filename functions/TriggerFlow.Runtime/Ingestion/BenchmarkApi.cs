using Microsoft.AspNetCore.Http.HttpResults;

namespace TriggerFlow.Runtime.Ingestion;

/// <summary>
/// <c>POST /v1/noop</c>, mapped only when <see cref="IngestionOptions.Benchmark"/> is on: answers
/// 202 and does nothing, so a load test can compare durable ingestion with the bare HTTP stack.
/// </summary>
internal static class BenchmarkApi
{
    public static IEndpointRouteBuilder MapBenchmarkApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/noop", Noop).WithTags("Benchmark").WithSummary("Answer 202 without work (benchmark mode only)");
        return app;
    }

    public static Accepted Noop() => TypedResults.Accepted((string?)null);
}
