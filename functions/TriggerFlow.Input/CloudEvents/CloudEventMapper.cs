using System.Text.Json;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Input.Time;
using TriggerFlow.Input.Typing;

namespace TriggerFlow.Input.CloudEvents;

/// <summary>
/// Maps a CloudEvent (JSON format) to the engine's typed event. The catalog event is the
/// <c>triggerflowevent</c> extension or else <c>type</c>, found by name or alias (reverse-DNS types
/// such as <c>com.shop.cart.item-added</c> are aliases in the catalog); the customer is the
/// <c>triggerflowcustomer</c> extension or else <c>subject</c>; <c>source</c> and <c>id</c> together
/// are the message id, as the spec makes them unique together; <c>time</c> is the event time; the
/// properties are <c>data</c> (or <c>data_base64</c>), which must be a JSON object. A type the
/// catalog does not know is left out and counted.
/// </summary>
public sealed class CloudEventMapper(InputMapping mapping)
{
    public const string EventExtension = "triggerflowevent";
    public const string CustomerExtension = "triggerflowcustomer";

    /// <summary>Maps one CloudEvent; never throws on what a source posted.</summary>
    public MappedCall Map(JsonElement item, in CallContext context)
    {
        var fields = new CallFields(item, context.Path, mapping.MaxIdLength);
        if (item.ValueKind != JsonValueKind.Object)
        {
            var field = context.Path.Length == 0 ? "$" : context.Path.TrimEnd('.');
            return Mapped(new MappedCall(context.Fallback(item), null, null, null, null, [new FieldError(field, "expected a CloudEvent JSON object")], []));
        }

        if (fields.Required("specversion") is { } version && version != "1.0")
        {
            fields.Error("specversion", $"`{CallFields.Shorten(version)}` is not supported; TriggerFlow takes CloudEvents 1.0");
        }

        var id = fields.Required("id");
        var source = fields.Required("source");
        var messageId = id is not null && source is not null ? $"{source} {id}" : fields.MessageId("id", context);
        var eventField = fields.Has(EventExtension) ? EventExtension : "type";
        var name = fields.Required(eventField);
        var customer = fields.Text(CustomerExtension) ?? fields.Text("subject");
        if (customer is null && !fields.HasError("subject") && !fields.HasError(CustomerExtension))
        {
            fields.Error("subject", $"`subject` (or the `{CustomerExtension}` extension) is required: it names the customer");
        }

        var time = fields.Time("time");
        var data = Data(fields);
        if (fields.Errors.Count > 0 || name is null)
        {
            return Mapped(new MappedCall(messageId, null, null, null, null, fields.Errors, fields.Ignored));
        }

        if (mapping.ResolveEvent(name) is not { } definition)
        {
            fields.Ignored.Add(new IgnoredPart(IgnoredPart.Event, name));
            return Mapped(new MappedCall(messageId, null, null, null, $"`{CallFields.Shorten(name)}` is not an event in the active catalog", [], fields.Ignored));
        }

        var properties = PropertyTyping.Type(fields, data.Field, data.Value, definition);
        if (fields.Errors.Count > 0 || (context.ReceivedAt ?? time) is not { } arrival)
        {
            return Mapped(new MappedCall(messageId, null, null, null, null, fields.Errors, fields.Ignored));
        }

        var eventTime = time ?? arrival;
        if (FutureTimes.Clamp(ref eventTime, arrival, mapping.FutureTolerance))
        {
            fields.Ignored.Add(IgnoredPart.FutureTimestamp);
        }

        return Mapped(new MappedCall(messageId, customer, new EventInput(messageId, definition.Name, properties, eventTime, arrival), null, null, [], fields.Ignored));
    }

    private static MappedCall Mapped(MappedCall call) => call with { Call = "cloudevent" };

    /// <summary>The event's properties: <c>data</c>, or <c>data_base64</c> decoded, as a JSON object; null when absent.</summary>
    private (string Field, JsonElement? Value) Data(CallFields fields)
    {
        var contentType = fields.Text("datacontenttype");
        if (contentType is not null && !MediaTypes.IsJson(MediaTypes.Of(contentType)))
        {
            fields.Error("datacontenttype", $"`{CallFields.Shorten(contentType)}` is not JSON; TriggerFlow reads an event's properties from a JSON object in `data`");
            return ("data", null);
        }

        if (fields.Element("data_base64") is { } encoded)
        {
            return ("data_base64", Decoded(fields, encoded));
        }

        return ("data", Checked(fields, "data", fields.Element("data")));
    }

    private JsonElement? Decoded(CallFields fields, JsonElement encoded)
    {
        var bytes = encoded.ValueKind == JsonValueKind.String ? TryBase64(encoded.GetString()!) : null;
        if (bytes is null)
        {
            fields.Error("data_base64", "expected a base64 string");
            return null;
        }

        try
        {
            // The decoded data lives as long as the call's mapping; it is small (the body's size limit bounds it).
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = mapping.MaxJsonDepth });
            return Checked(fields, "data_base64", document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            fields.Error("data_base64", $"the decoded data is not valid JSON ({e.Message})");
            return null;
        }
    }

    private static JsonElement? Checked(CallFields fields, string field, JsonElement? data)
    {
        if (data is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            fields.Error(field, $"expected a JSON object of the event's properties, got a JSON {value.ValueKind.ToString().ToLowerInvariant()}");
            return null;
        }

        return value;
    }

    private static byte[]? TryBase64(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var written) ? bytes[..written] : null;
    }
}
