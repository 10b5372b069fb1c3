using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TriggerFlow.Runtime.Ingestion.Requests;

/// <summary>
/// The RFC 7807 problems the ingestion API answers with. Each has a stable <c>type</c> URN that
/// clients can switch on; docs/api.md lists them with examples.
/// </summary>
internal static class IngestionProblems
{
    public const string InvalidInput = "urn:triggerflow:problem:invalid-input";
    public const string MalformedJson = "urn:triggerflow:problem:malformed-json";
    public const string Unauthorized = "urn:triggerflow:problem:unauthorized";
    public const string InvalidSignature = "urn:triggerflow:problem:invalid-signature";
    public const string TooLarge = "urn:triggerflow:problem:too-large";
    public const string UnsupportedMediaType = "urn:triggerflow:problem:unsupported-media-type";
    public const string RateLimited = "urn:triggerflow:problem:rate-limited";
    public const string Unavailable = "urn:triggerflow:problem:unavailable";

    public static ProblemHttpResult MissingKey(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"TriggerFlow\", Bearer";
        return TypedResults.Problem(
            "send a source's write key as the HTTP Basic user name (empty password), as `Authorization: Bearer <key>` or in the `aeg-sas-key` header",
            statusCode: StatusCodes.Status401Unauthorized, title: "Unknown or missing write key", type: Unauthorized);
    }

    public static ProblemHttpResult BadSignature(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Invalid body signature", type: InvalidSignature);

    public static ProblemHttpResult RateLimit(HttpContext context, string source, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            $"source `{source}` is over its rate limit; retry after {seconds} s",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", type: RateLimited);
    }

    public static ProblemHttpResult Unsupported(string? contentType, string expected) =>
        TypedResults.Problem(
            $"content type `{contentType}` is not accepted here; send {expected}",
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type", type: UnsupportedMediaType);

    public static ProblemHttpResult Oversized(int limit) =>
        TypedResults.Problem(
            $"the body is larger than {limit:N0} bytes; split it into smaller batches",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", type: TooLarge);

    public static ProblemHttpResult Unreadable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", type: MalformedJson);

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", type: InvalidInput);

    public static ProblemHttpResult Failed(HttpContext context)
    {
        // Nothing tells which customers' writes landed, so the whole request is retried; message ids make that safe.
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(
            "the events could not be stored durably; retry the same request",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not accepted", type: Unavailable);
    }
}
