using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using TriggerFlow.Input.Time;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.Documentation;
using TriggerFlow.Runtime.Ingestion.Requests;

namespace TriggerFlow.Runtime.Ingestion.Segment;

/// <summary>
/// The Segment HTTP Tracking API (<c>POST /v1/track</c>, <c>/v1/identify</c>, <c>/v1/page</c>,
/// <c>/v1/alias</c>, <c>/v1/batch</c>), so Segment libraries and destinations can post here.
/// </summary>
internal static class SegmentApi
{
    private static readonly ContentTypes Json = new(
        r => JsonBodies.MediaType(r.ContentType) == "application/json", "application/json");

    public static IEndpointRouteBuilder MapSegmentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Segment");
        api.MapPost("/track", Track).Describe<SegmentTrack>("Track an event", "A Segment track call: `event` names a catalog event, `properties` are its properties.");
        api.MapPost("/identify", Identify).Describe<SegmentIdentify>("Identify a customer", "A Segment identify call: `traits` update the profile; with both `anonymousId` and `userId` the anonymous history merges into `userId`.");
        api.MapPost("/page", Page).Describe<SegmentPage>("Record a page view", "A Segment page call: it becomes the configured page event (default `browsed category`) with `category` and `name` added to its properties where the event declares them; when the catalog has no such event it is acknowledged and ignored.");
        api.MapPost("/alias", Alias).Describe<SegmentAlias>("Merge two identities", "A Segment alias call: `previousId`'s history merges into `userId`.");
        api.MapPost("/batch", Batch).Describe<SegmentBatch>("Post a batch of calls", "Up to `MaxBatchItems` track, identify, page, alias, screen and group calls; each item carries its `type`.");
        return app;
    }

    public static Task<Results<Ok<IngestionResult>, ProblemHttpResult>> Track(HttpContext context, IngestionFlow flow) =>
        flow.RunAsync(context, PayloadFormat.Segment, Json, r => Single(r, "track"));

    public static Task<Results<Ok<IngestionResult>, ProblemHttpResult>> Identify(HttpContext context, IngestionFlow flow) =>
        flow.RunAsync(context, PayloadFormat.Segment, Json, r => Single(r, "identify"));

    public static Task<Results<Ok<IngestionResult>, ProblemHttpResult>> Page(HttpContext context, IngestionFlow flow) =>
        flow.RunAsync(context, PayloadFormat.Segment, Json, r => Single(r, "page"));

    public static Task<Results<Ok<IngestionResult>, ProblemHttpResult>> Alias(HttpContext context, IngestionFlow flow) =>
        flow.RunAsync(context, PayloadFormat.Segment, Json, r => Single(r, "alias"));

    public static Task<Results<Ok<IngestionResult>, ProblemHttpResult>> Batch(HttpContext context, IngestionFlow flow) =>
        flow.RunAsync(context, PayloadFormat.Segment, Json, MapBatch);

    private static MappedItems Single(IngestionRequest request, string call)
    {
        using var document = JsonBodies.TryParse(request.Body, request.Options.MaxJsonDepth, out var error);
        return document is null
            ? MappedItems.Refused(IngestionProblems.Unreadable(error!))
            : MappedItems.Of(new SegmentMapper(request).Map(document.RootElement, call, 0, ""));
    }

    private static MappedItems MapBatch(IngestionRequest request)
    {
        using var document = JsonBodies.TryParse(request.Body, request.Options.MaxJsonDepth, out var error);
        if (document is null)
        {
            return MappedItems.Refused(IngestionProblems.Unreadable(error!));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("batch", out var batch)
            || batch.ValueKind != JsonValueKind.Array)
        {
            return MappedItems.Refused(IngestionProblems.BadRequest("the body must be a JSON object with a `batch` array"));
        }

        var count = batch.GetArrayLength();
        if (count > request.Options.MaxBatchItems)
        {
            return MappedItems.Refused(IngestionProblems.BadRequest($"the batch has {count:N0} items; at most {request.Options.MaxBatchItems:N0} are accepted per request"));
        }

        // Segment's libraries stamp the batch, not each call, with the time they sent it: the clock-skew correction needs it.
        Instant? sentAt = null;
        if (document.RootElement.TryGetProperty("sentAt", out var sent) && sent.ValueKind != JsonValueKind.Null)
        {
            if (!Timestamps.TryParse(sent, out var instant))
            {
                return MappedItems.Refused(IngestionProblems.BadRequest($"the batch's `sentAt` is not {Timestamps.Expectation}"));
            }

            sentAt = instant;
        }

        var mapper = new SegmentMapper(request);
        return MappedItems.Of(batch.EnumerateArray().Select((item, i) => mapper.Map(item, null, i, $"batch[{i}].", sentAt)).ToArray());
    }
}
