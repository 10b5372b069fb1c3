using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TriggerFlow.Runtime.Deployment;

/// <summary>
/// Reads a JSON request body within a size limit, turning every way it can be wrong into problem
/// details: 415 for another content type, 413 over the limit, 400 for JSON that is malformed,
/// nested too deep or missing a required field. Hostile bodies never reach a handler as exceptions.
/// </summary>
internal static class RequestBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        MaxDepth = 16,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static async Task<(T? Value, ProblemHttpResult? Problem)> TryReadAsync<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON", "Send `Content-Type: application/json`."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Bodies sent without a length are cut off here, as they are read.
            limit.MaxRequestBodySize = maxBytes;
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken);
            return value is null ? (null, Malformed("the body is `null`")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Malformed(e.Message));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
    }

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large", $"Bodies are limited to {maxBytes:N0} bytes (TriggerFlow:MaxRequestBytes).");

    private static ProblemHttpResult Malformed(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "The body is not the JSON this endpoint expects", detail);

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
