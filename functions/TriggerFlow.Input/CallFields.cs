using System.Text.Json;
using NodaTime;
using TriggerFlow.Input.Time;

namespace TriggerFlow.Input;

/// <summary>
/// Reads one call's fields and collects what is wrong with them, each error named by the call's
/// position (<c>batch[2].</c>) and the field, so one answer can list them all.
/// </summary>
internal sealed class CallFields(JsonElement call, string path, int maxIdLength)
{
    public List<FieldError> Errors { get; } = [];

    public List<IgnoredPart> Ignored { get; } = [];

    public JsonElement Call => call;

    public string Field(string name) => path + name;

    public void Error(string name, string message) => Errors.Add(new FieldError(path + name, message));

    public bool HasError(string name) => Errors.Exists(e => e.Field == path + name);

    public JsonElement? Element(string name) =>
        call.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public bool Has(string name) => call.TryGetProperty(name, out _);

    /// <summary>An id or name: a non-empty string (or a number, which Segment also allows for ids); null when absent.</summary>
    public string? Text(string name, bool allowNumber = false)
    {
        if (Element(name) is not { } value)
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

    /// <summary>A timestamp in any shape <see cref="Timestamps"/> reads; null when absent, and an error when malformed.</summary>
    public Instant? Time(string name)
    {
        if (Element(name) is not { } value)
        {
            return null;
        }

        if (Timestamps.TryParse(value, out var instant))
        {
            return instant;
        }

        Error(name, $"`{Shorten(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText())}` is not {Timestamps.Expectation}");
        return null;
    }

    /// <summary>A JSON object field; null when absent or null.</summary>
    public JsonElement? Object(string name)
    {
        if (Element(name) is not { } value)
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

    /// <summary>The posted message id; the context's fallback when none is posted (or it is unusable, which is also reported).</summary>
    public string MessageId(string name, in CallContext context) =>
        call.ValueKind == JsonValueKind.Object && Text(name) is { } posted ? posted : context.Fallback(call);

    internal static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
