using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.Documentation;
using TriggerFlow.Runtime.Ingestion.Requests;

namespace TriggerFlow.Runtime.Ingestion.CloudEvents;

/// <summary>
/// CloudEvents 1.0 over HTTP at <c>POST /api/events</c>: structured mode
/// (<c>application/cloudevents+json</c>), batched mode (<c>application/cloudevents-batch+json</c>)
/// and binary mode (<c>ce-*</c> headers, the body is <c>data</c>, which must be JSON here).
/// </summary>
internal static class CloudEventsApi
{
    public const string Structured = "application/cloudevents+json";
    public const string Batched = "application/cloudevents-batch+json";
    private const string HeaderPrefix = "ce-";

    private static readonly ContentTypes Modes = new(
        r => JsonBodies.MediaType(r.ContentType) is Structured or Batched || (IsBinary(r) && IsJsonOrAbsent(r.ContentType)),
        $"`{Structured}`, `{Batched}`, or binary mode (`ce-specversion` and the other `ce-` headers) with a JSON body");

    public static IEndpointRouteBuilder MapCloudEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("CloudEvents");
        api.MapPost("/", Post).Describe<CloudEventPayload>(
            "Post CloudEvents",
            "One CloudEvent (structured or binary mode) or a JSON array of them (batched mode).",
            Structured, Batched, "application/json");
        api.MapMethods("/", [HttpMethods.Options], Handshake)
            .WithSummary("Webhook validation handshake")
            .WithDescription("The CloudEvents HTTP webhook abuse-protection handshake Azure Event Grid sends before delivering: answers `WebHook-Allowed-Origin`.");
        return app;
    }

    public static Task<Results<Ok<IngestionResult>, ProblemHttpResult>> Post(HttpContext context, IngestionFlow flow) =>
        flow.RunAsync(context, PayloadFormat.CloudEvents, Modes, Map);

    /// <summary>Posting still needs a write key; this only tells the sender that the endpoint takes webhooks.</summary>
    public static Ok Handshake(HttpContext context)
    {
        if (context.Request.Headers.TryGetValue("WebHook-Request-Origin", out var origin))
        {
            context.Response.Headers["WebHook-Allowed-Origin"] = origin;
            context.Response.Headers["WebHook-Allowed-Rate"] = "*";
        }

        return TypedResults.Ok();
    }

    private static MappedItems Map(IngestionRequest request)
    {
        var mode = JsonBodies.MediaType(request.Headers.ContentType.ToString());
        using var document = mode is Structured or Batched
            ? JsonBodies.TryParse(request.Body, request.Options.MaxJsonDepth, out var error)
            : FromBinary(request, out error);
        if (document is null)
        {
            return MappedItems.Refused(IngestionProblems.Unreadable(error!));
        }

        var mapper = new CloudEventMapper(request);
        var root = document.RootElement;
        if (mode != Batched)
        {
            return MappedItems.Of(mapper.Map(root, 0, ""));
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            return MappedItems.Refused(IngestionProblems.BadRequest("a batch must be a JSON array of CloudEvents"));
        }

        var count = root.GetArrayLength();
        return count > request.Options.MaxBatchItems
            ? MappedItems.Refused(IngestionProblems.BadRequest($"the batch has {count:N0} events; at most {request.Options.MaxBatchItems:N0} are accepted per request"))
            : MappedItems.Of(root.EnumerateArray().Select((item, i) => mapper.Map(item, i, $"[{i}].")).ToArray());
    }

    /// <summary>
    /// The structured form of a binary-mode event: each <c>ce-</c> header (percent-decoded, as the
    /// HTTP binding requires) becomes an attribute, the content type <c>datacontenttype</c>, the body <c>data</c>.
    /// </summary>
    private static JsonDocument? FromBinary(IngestionRequest request, out string? error)
    {
        error = null;
        using var data = request.Body.IsEmpty ? null : JsonBodies.TryParse(request.Body, request.Options.MaxJsonDepth, out error);
        if (error is not null)
        {
            error = error.Replace("the body", "the body (the event's data)", StringComparison.Ordinal);
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(request.Body.Length + 512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in request.Headers.Where(h => h.Key.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase)))
            {
                writer.WriteString(name[HeaderPrefix.Length..].ToLowerInvariant(), Uri.UnescapeDataString(value.ToString()));
            }

            if (request.Headers.ContentType.Count > 0)
            {
                writer.WriteString("datacontenttype", request.Headers.ContentType.ToString());
            }

            writer.WritePropertyName("data");
            if (data is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                data.RootElement.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = request.Options.MaxJsonDepth + 1 });
    }

    private static bool IsBinary(HttpRequest request) => request.Headers.ContainsKey(HeaderPrefix + "specversion");

    private static bool IsJsonOrAbsent(string? contentType) => string.IsNullOrEmpty(contentType) || JsonBodies.IsJson(JsonBodies.MediaType(contentType));
}
