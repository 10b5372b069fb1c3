using System.Text.Json;
using System.Text.Unicode;
using TriggerFlow.Input;

namespace TriggerFlow.Runtime.Ingestion.Requests;

/// <summary>Parsing request bodies as JSON with the configured depth limit, and recognising JSON media types.</summary>
internal static class JsonBodies
{
    /// <summary>The parsed body, or why it is not JSON (including invalid UTF-8 and nesting past the limit).</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body, int maxDepth, out string? error)
    {
        // The reader checks structure but not every string's encoding; reading such a string later would throw.
        if (!Utf8.IsValid(body.Span))
        {
            error = "the body is not valid UTF-8";
            return null;
        }

        try
        {
            error = null;
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException e)
        {
            error = $"the body is not valid JSON: {e.Message}";
            return null;
        }
    }

    /// <summary>The media type without parameters, lower case; null when absent or unparsable.</summary>
    public static string? MediaType(string? contentType) => MediaTypes.Of(contentType);

    /// <summary><c>application/json</c>, <c>text/json</c> or any <c>+json</c> type.</summary>
    public static bool IsJson(string? mediaType) => MediaTypes.IsJson(mediaType);
}
