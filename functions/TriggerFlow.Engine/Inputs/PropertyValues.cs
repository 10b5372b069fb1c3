using System.Globalization;
using System.Text.Json;
using NodaTime.Text;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Engine.Inputs;

/// <summary>Turns raw values (JSON, CSV text) into the typed values the engine compares.</summary>
public static class PropertyValues
{
    /// <summary>Converts a JSON value to <paramref name="type"/>; false with a reason when it does not fit.</summary>
    public static bool TryFromJson(JsonElement value, PropertyType type, out object? result, out string? error)
    {
        result = null;
        error = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        switch (type)
        {
            case PropertyType.String when value.ValueKind == JsonValueKind.String:
                result = value.GetString();
                return true;
            case PropertyType.String when value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                result = value.GetRawText();
                return true;
            case PropertyType.Number when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d):
                result = d;
                return true;
            case PropertyType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                result = value.GetBoolean();
                return true;
            case PropertyType.StringList when value.ValueKind == JsonValueKind.Array:
                result = value.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString()! : i.GetRawText()).ToArray();
                return true;
            case PropertyType.Date or PropertyType.DateTime or PropertyType.Number when value.ValueKind == JsonValueKind.String:
                return TryFromText(value.GetString()!, type, out result, out error);
            default:
                error = $"expected {Describe(type)}, got a JSON {value.ValueKind.ToString().ToLowerInvariant()}";
                return false;
        }
    }

    /// <summary>Converts text (a CSV cell, a query value) to <paramref name="type"/>.</summary>
    public static bool TryFromText(string text, PropertyType type, out object? result, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        result = null;
        error = null;
        switch (type)
        {
            case PropertyType.String:
                result = text;
                return true;
            case PropertyType.Number when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                result = d;
                return true;
            case PropertyType.Boolean when bool.TryParse(text, out var b):
                result = b;
                return true;
            case PropertyType.Date when LocalDatePattern.Iso.Parse(text) is { Success: true } date:
                result = date.Value;
                return true;
            case PropertyType.DateTime when InstantPattern.ExtendedIso.Parse(text) is { Success: true } instant:
                result = instant.Value;
                return true;
            case PropertyType.DateTime when OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } offset:
                result = offset.Value.ToInstant();
                return true;
            case PropertyType.StringList:
                result = text.Split('|', StringSplitOptions.RemoveEmptyEntries);
                return true;
            default:
                error = $"`{Shorten(text)}` is not {Describe(type)}";
                return false;
        }
    }

    private static string Describe(PropertyType type) => type switch
    {
        PropertyType.String => "a string",
        PropertyType.Number => "a number",
        PropertyType.Boolean => "true or false",
        PropertyType.Date => "a date (2026-07-01)",
        PropertyType.DateTime => "a timestamp (2026-07-01T09:00:00Z)",
        _ => "a list of strings",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
