using System.Net.Http.Headers;

namespace TriggerFlow.Input;

/// <summary>The JSON media types sources post (bodies, CloudEvents' <c>datacontenttype</c>).</summary>
public static class MediaTypes
{
    /// <summary>The media type of a content type header, lower-cased, parameters left out; null when malformed.</summary>
    public static string? Of(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType?.ToLowerInvariant() : null;

    /// <summary><c>application/json</c>, <c>text/json</c> or any <c>+json</c> type.</summary>
    public static bool IsJson(string? mediaType) =>
        mediaType is "application/json" or "text/json" || (mediaType?.EndsWith("+json", StringComparison.Ordinal) ?? false);
}
