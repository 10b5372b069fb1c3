using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace TriggerFlow.Runtime.Storage.Json;

/// <summary>
/// Stores the engine's loosely typed values (<c>object?</c> in profiles, signals and message
/// parameters) so each comes back as exactly the type it was: JSON's own kinds for string, decimal,
/// bool and string lists, and a one-property object naming the kind where JSON has none
/// (<c>{"date":"2026-07-01"}</c>, <c>{"instant":"…Z"}</c>, <c>{"time":"09:00:00"}</c>,
/// <c>{"list":[…]}</c> for a mixed list). The names are the value's kind, never a .NET type name.
/// </summary>
internal sealed class TypedValueJsonConverter : JsonConverter<object>
{
    private const string DateKind = "date";
    private const string InstantKind = "instant";
    private const string TimeKind = "time";
    private const string ListKind = "list";

    public override object Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) => WriteValue(writer, value);

    private static object ReadValue(ref Utf8JsonReader reader) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number => reader.TryGetDecimal(out var number) ? number : throw new JsonException("a stored number does not fit a decimal"),
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.StartArray => ReadStrings(ref reader),
            JsonTokenType.StartObject => ReadKinded(ref reader),
            _ => throw new JsonException($"a stored value cannot start with {reader.TokenType}"),
        };

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case string[] strings:
                WriteStrings(writer, strings);
                break;
            case LocalDate date:
                WriteKinded(writer, DateKind, LocalDatePattern.Iso.Format(date));
                break;
            case Instant instant:
                WriteKinded(writer, InstantKind, InstantPattern.ExtendedIso.Format(instant));
                break;
            case LocalTime time:
                WriteKinded(writer, TimeKind, LocalTimePattern.ExtendedIso.Format(time));
                break;
            case object?[] list:
                WriteList(writer, list);
                break;
            default:
                // Storing a value as something else would change it on the next read: refuse loudly instead.
                throw new JsonException(
                    $"cannot store a value of type {value.GetType().Name}; stored values are string, decimal, bool, string[], LocalDate, LocalTime, Instant or lists of them");
        }
    }

    private static string[] ReadStrings(ref Utf8JsonReader reader)
    {
        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("a stored string list holds a non-string"));
        }

        return [.. items];
    }

    private static object ReadKinded(ref Utf8JsonReader reader)
    {
        Expect(reader.Read() && reader.TokenType == JsonTokenType.PropertyName, "a stored value object has no kind");
        var kind = reader.GetString();
        reader.Read();
        object value = kind switch
        {
            DateKind => Parse(LocalDatePattern.Iso, ref reader),
            InstantKind => Parse(InstantPattern.ExtendedIso, ref reader),
            TimeKind => Parse(LocalTimePattern.ExtendedIso, ref reader),
            ListKind => ReadList(ref reader),
            _ => throw new JsonException($"unknown stored value kind `{kind}`"),
        };
        Expect(reader.Read() && reader.TokenType == JsonTokenType.EndObject, $"a stored `{kind}` value has more than one property");
        return value;
    }

    private static T Parse<T>(IPattern<T> pattern, ref Utf8JsonReader reader)
    {
        Expect(reader.TokenType == JsonTokenType.String, "a stored date or time is not a string");
        var result = pattern.Parse(reader.GetString()!);
        return result.Success ? result.Value : throw new JsonException(result.Exception.Message);
    }

    private static object?[] ReadList(ref Utf8JsonReader reader)
    {
        Expect(reader.TokenType == JsonTokenType.StartArray, "a stored list is not an array");
        var items = new List<object?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.Null ? null : ReadValue(ref reader));
        }

        return [.. items];
    }

    private static void WriteStrings(Utf8JsonWriter writer, string[] strings)
    {
        writer.WriteStartArray();
        foreach (var item in strings)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    private static void WriteKinded(Utf8JsonWriter writer, string kind, string text)
    {
        writer.WriteStartObject();
        writer.WriteString(kind, text);
        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, object?[] list)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(ListKind);
        writer.WriteStartArray();
        foreach (var item in list)
        {
            if (item is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                WriteValue(writer, item);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new JsonException(message);
        }
    }
}
