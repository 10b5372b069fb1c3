using System.Text.Json;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.Requests;
using TriggerFlow.Runtime.Ingestion.Validation;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Ingestion.CloudEvents;

/// <summary>
/// Maps a CloudEvent (JSON format) to a customer event. The catalog event is the
/// <c>triggerflowevent</c> extension or else <c>type</c>; the customer is the
/// <c>triggerflowcustomer</c> extension or else <c>subject</c>; <c>source</c> and <c>id</c> together
/// are the message id, as the spec makes them unique together; <c>time</c> is the event time; the
/// properties are <c>data</c> (or <c>data_base64</c>), which must be a JSON object.
/// </summary>
internal sealed class CloudEventMapper(IngestionRequest request)
{
    public const string EventExtension = "triggerflowevent";
    public const string CustomerExtension = "triggerflowcustomer";

    public IngestItem Map(JsonElement item, int index, string prefix)
    {
        var fields = new ItemFields(item, prefix, request.Options.MaxIdLength);
        if (item.ValueKind != JsonValueKind.Object)
        {
            return IngestItem.Rejected(index, fields.MessageId("id"), [new FieldError(prefix.Length == 0 ? "$" : prefix.TrimEnd('.'), "expected a CloudEvent JSON object")]);
        }

        if (fields.Required("specversion") is { } version && version != "1.0")
        {
            fields.Error("specversion", $"`{version}` is not supported; TriggerFlow takes CloudEvents 1.0");
        }

        var id = fields.Required("id");
        var source = fields.Required("source");
        var definition = Event(fields);
        var customer = fields.Text(CustomerExtension) ?? fields.Text("subject");
        if (customer is null && !fields.Errors.Any(e => e.Field == fields.Field("subject") || e.Field == fields.Field(CustomerExtension)))
        {
            fields.Error("subject", $"`subject` (or the `{CustomerExtension}` extension) is required: it names the customer");
        }

        var time = fields.Time("time", request.ArrivalTime);
        var properties = Properties(fields, definition);
        var messageId = id is not null && source is not null ? $"{source} {id}" : fields.MessageId("id");
        return fields.Errors.Count > 0
            ? IngestItem.Rejected(index, messageId, fields.Errors)
            : IngestItem.Valid(index, customer!, new CustomerInput(CustomerInputKind.Event, messageId, definition!.Name, properties!, time, request.ArrivalTime, null));
    }

    private EventDefinition? Event(ItemFields fields)
    {
        var field = fields.Item.TryGetProperty(EventExtension, out _) ? EventExtension : "type";
        var name = fields.Required(field);
        var definition = name is null ? null : request.Catalog.Resolve(name);
        if (name is not null && definition is null)
        {
            fields.Error(field, request.Catalog.UnknownEvent(name));
        }

        return definition;
    }

    /// <summary>The event's properties as JSON text, checked against the catalog when the event is known.</summary>
    private string? Properties(ItemFields fields, EventDefinition? definition)
    {
        var contentType = fields.Text("datacontenttype");
        if (contentType is not null && !JsonBodies.IsJson(JsonBodies.MediaType(contentType)))
        {
            fields.Error("datacontenttype", $"`{contentType}` is not JSON; TriggerFlow reads an event's properties from a JSON object in `data`");
            return null;
        }

        if (fields.Item.TryGetProperty("data_base64", out var encoded) && encoded.ValueKind != JsonValueKind.Null)
        {
            return Decoded(fields, encoded, definition);
        }

        return fields.Item.TryGetProperty("data", out var data) ? Checked(fields, "data", data, definition) : "{}";
    }

    private string? Decoded(ItemFields fields, JsonElement encoded, EventDefinition? definition)
    {
        var bytes = encoded.ValueKind == JsonValueKind.String ? TryBase64(encoded.GetString()!) : null;
        if (bytes is null)
        {
            fields.Error("data_base64", "expected a base64 string");
            return null;
        }

        using var document = JsonBodies.TryParse(bytes, request.Options.MaxJsonDepth, out var error);
        if (document is null)
        {
            fields.Error("data_base64", error!.Replace("the body", "the decoded data", StringComparison.Ordinal));
            return null;
        }

        return Checked(fields, "data_base64", document.RootElement, definition);
    }

    private string? Checked(ItemFields fields, string field, JsonElement data, EventDefinition? definition)
    {
        if (data.ValueKind == JsonValueKind.Null)
        {
            return "{}";
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            fields.Error(field, $"expected a JSON object of the event's properties, got a JSON {data.ValueKind.ToString().ToLowerInvariant()}");
            return null;
        }

        if (definition is not null)
        {
            request.Catalog.CheckProperties(definition, data, fields.Field(field), fields.Errors);
        }

        return data.GetRawText();
    }

    private static byte[]? TryBase64(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var written) ? bytes[..written] : null;
    }
}
