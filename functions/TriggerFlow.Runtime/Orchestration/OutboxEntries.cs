using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Runtime.Delivery;

namespace TriggerFlow.Runtime.Orchestration;

/// <summary>Turns the engine's send decisions into outbox entries with plain JSON for templates and channels.</summary>
internal static class OutboxEntries
{
    public static OutboundMessage From(string customerId, SendDecision send) => new(
        send.IdempotencyKey,
        customerId,
        send.Rule,
        send.Version,
        send.Variant,
        send.Channel,
        send.Template,
        Json(send.Parameters),
        Json(send.Data),
        send.At.ToDateTimeOffset());

    /// <summary>Typed values as a template expects them: numbers, strings, booleans, ISO dates, lists.</summary>
    private static string Json(IReadOnlyDictionary<string, object?> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                Write(writer, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case LocalDate date:
                writer.WriteStringValue(LocalDatePattern.Iso.Format(date));
                break;
            case Instant instant:
                writer.WriteStringValue(InstantPattern.ExtendedIso.Format(instant));
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case System.Collections.IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
