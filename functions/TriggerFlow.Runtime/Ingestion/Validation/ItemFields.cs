using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Runtime.Ingestion.Acceptance;

namespace TriggerFlow.Runtime.Ingestion.Validation;

/// <summary>
/// Reads one posted JSON item's fields and collects what is wrong with them, each error named by
/// the item's position (<c>batch[2].</c>) and the field, so one response can list them all.
/// </summary>
internal sealed class ItemFields(JsonElement item, string prefix, int maxIdLength)
{
    public List<FieldError> Errors { get; } = [];

    public JsonElement Item => item;

    public string Field(string name) => prefix + name;

    public void Error(string name, string message) => Errors.Add(new FieldError(prefix + name, message));

    /// <summary>An id or name: a non-empty string (or a number, which Segment also allows for ids); null when absent.</summary>
    public string? Text(string name, bool allowNumber = false)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number when allowNumber => value.GetRawText(),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(text))
        {
            Error(name, allowNumber ? "expected a non-empty string or a number" : "expected a non-empty string");
            return null;
        }

        if (text.Length > maxIdLength)
        {
            Error(name, $"is {text.Length:N0} characters long; at most {maxIdLength:N0} are allowed");
            return null;
        }

        return text;
    }

    /// <summary>Like <see cref="Text"/>, and an error when absent.</summary>
    public string? Required(string name, bool allowNumber = false)
    {
        var errors = Errors.Count;
        var value = Text(name, allowNumber);
        if (value is null && Errors.Count == errors)
        {
            Error(name, "is required");
        }

        return value;
    }

    /// <summary>An ISO 8601 / RFC 3339 timestamp with an offset; <paramref name="absent"/> when not posted.</summary>
    public DateTimeOffset Time(string name, DateTimeOffset absent)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return absent;
        }

        if (value.ValueKind == JsonValueKind.String
            && PropertyValues.TryFromText(value.GetString()!, PropertyType.DateTime, out var instant, out _))
        {
            return ((NodaTime.Instant)instant!).ToDateTimeOffset();
        }

        Error(name, $"`{Shorten(value.GetRawText())}` is not an ISO 8601 timestamp with an offset, such as 2012-12-02T00:30:08.276Z");
        return absent;
    }

    /// <summary>A JSON object field; null when absent or null.</summary>
    public JsonElement? Object(string name)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(name, $"expected a JSON object, got a JSON {value.ValueKind.ToString().ToLowerInvariant()}");
            return null;
        }

        return value;
    }

    /// <summary>
    /// The posted message id, or one derived from the item's exact bytes: a retry of the same
    /// item gets the same id, so idempotency holds for clients that send none.
    /// </summary>
    public string MessageId(string name)
    {
        if (item.ValueKind == JsonValueKind.Object && Text(name) is { } posted)
        {
            return posted;
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(item.GetRawText())));
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
