using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.Requests;
using TriggerFlow.Runtime.Ingestion.Validation;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Ingestion.Segment;

/// <summary>
/// Maps Segment Tracking API calls to customer inputs. <c>track</c> is an event named by <c>event</c>;
/// <c>identify</c> carries traits (and merges <c>anonymousId</c> into <c>userId</c>); <c>alias</c>
/// merges <c>previousId</c> into <c>userId</c>; <c>page</c> becomes the configured page event when the
/// catalog has it; <c>screen</c> and <c>group</c> are acknowledged and ignored. The same choices as the
/// backtest's Segment reader (TriggerFlow.Simulation), so a backtest sees what the live host would.
/// </summary>
internal sealed class SegmentMapper(IngestionRequest request)
{
    public IngestItem Map(JsonElement item, string? call, int index, string prefix)
    {
        var fields = new ItemFields(item, prefix, request.Options.MaxIdLength);
        var messageId = fields.MessageId("messageId");
        if (item.ValueKind != JsonValueKind.Object)
        {
            return IngestItem.Rejected(index, messageId, [new FieldError(prefix.Length == 0 ? "$" : prefix.TrimEnd('.'), "expected a JSON object")]);
        }

        var type = call ?? fields.Required("type");
        if (type is "screen" or "group")
        {
            return IngestItem.Ignored(index, messageId, $"`{type}` calls are not used by TriggerFlow");
        }

        var time = fields.Time("timestamp", request.ArrivalTime);
        var (input, customerId, ignored) = type switch
        {
            "track" => Track(fields, messageId, time),
            "identify" => Identify(fields, messageId, time),
            "page" => Page(fields, messageId, time),
            "alias" => Alias(fields, messageId, time),
            null => (null, null, null),
            _ => Unknown(fields, type),
        };

        return fields.Errors.Count > 0 ? IngestItem.Rejected(index, messageId, fields.Errors)
            : ignored is not null ? IngestItem.Ignored(index, messageId, ignored)
            : IngestItem.Valid(index, customerId!, input!);
    }

    private (CustomerInput?, string?, string?) Track(ItemFields fields, string messageId, DateTimeOffset time)
    {
        var customer = Customer(fields);
        var name = fields.Required("event");
        var definition = name is null ? null : request.Catalog.Resolve(name);
        if (name is not null && definition is null)
        {
            fields.Error("event", request.Catalog.UnknownEvent(name));
        }

        var properties = fields.Object("properties");
        if (definition is not null && properties is { } values)
        {
            request.Catalog.CheckProperties(definition, values, fields.Field("properties"), fields.Errors);
        }

        return (Event(messageId, definition?.Name, properties?.GetRawText() ?? "{}", time), customer, null);
    }

    private (CustomerInput?, string?, string?) Identify(ItemFields fields, string messageId, DateTimeOffset time)
    {
        var userId = fields.Text("userId", allowNumber: true);
        var anonymousId = fields.Text("anonymousId", allowNumber: true);
        var traits = fields.Object("traits");
        if (traits is { } values)
        {
            request.Catalog.CheckTraits(values, fields.Field("traits"), fields.Errors);
        }

        var customer = userId ?? anonymousId ?? NoCustomer(fields);
        var previousId = userId is not null && anonymousId is not null && anonymousId != userId ? anonymousId : null;
        return (Identity(messageId, WithConsent(traits, fields.Object("context")), time, previousId), customer, null);
    }

    /// <summary>
    /// The traits, with Segment's consent object (<c>context.consent.categoryPreferences</c>) folded
    /// into <c>traits.consent</c>, where the customer grain reads consent: the backtest's Segment
    /// reader reads both places the same way (<see cref="ConsentValues"/>).
    /// </summary>
    private string WithConsent(JsonElement? traits, JsonElement? context)
    {
        var text = traits?.GetRawText() ?? "{}";
        if (context is null || !ConsentValues.TryRead(traits, context, request.Catalog.Channels, out var consent, out _) || consent.Count == 0)
        {
            return text;
        }

        var merged = JsonNode.Parse(text)!.AsObject();
        var channels = new JsonObject();
        foreach (var (channel, granted) in consent)
        {
            channels[channel] = granted;
        }

        merged[ConsentValues.Trait] = channels;
        return merged.ToJsonString();
    }

    private (CustomerInput?, string?, string?) Alias(ItemFields fields, string messageId, DateTimeOffset time)
    {
        var previousId = fields.Required("previousId", allowNumber: true);
        var userId = fields.Required("userId", allowNumber: true);
        return (Identity(messageId, "{}", time, previousId), userId, null);
    }

    private (CustomerInput?, string?, string?) Page(ItemFields fields, string messageId, DateTimeOffset time)
    {
        var customer = Customer(fields);
        var properties = fields.Object("properties");
        var pageEvent = request.Options.PageEvent;
        if (request.Catalog.Resolve(pageEvent) is not { } definition)
        {
            return (null, customer, $"the active catalog has no `{pageEvent}` event for pages");
        }

        var merged = WithTopLevel(fields, properties, definition);
        using var document = JsonDocument.Parse(merged);
        request.Catalog.CheckProperties(definition, document.RootElement, fields.Field("properties"), fields.Errors);
        return (Event(messageId, definition.Name, merged, time), customer, null);
    }

    private (CustomerInput?, string?, string?) Unknown(ItemFields fields, string type)
    {
        fields.Error("type", $"`{type}` is not a Segment call TriggerFlow takes; expected track, identify, page, alias, screen or group");
        return (null, null, null);
    }

    private static string? Customer(ItemFields fields) =>
        fields.Text("userId", allowNumber: true) ?? fields.Text("anonymousId", allowNumber: true) ?? NoCustomer(fields);

    private static string? NoCustomer(ItemFields fields)
    {
        if (!fields.Errors.Any(e => e.Field == fields.Field("userId") || e.Field == fields.Field("anonymousId")))
        {
            fields.Error("userId", "userId or anonymousId is required: it names the customer");
        }

        return null;
    }

    /// <summary>
    /// The page's properties plus its top-level <c>category</c> and <c>name</c> where the page event
    /// declares them and the properties lack them: the Segment spec puts them beside the properties.
    /// The backtest's Segment reader does the same, so live and backtest agree.
    /// </summary>
    private static string WithTopLevel(ItemFields fields, JsonElement? properties, EventDefinition definition)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var present = new HashSet<string>(StringComparer.Ordinal);
            if (properties is { } values)
            {
                foreach (var property in values.EnumerateObject())
                {
                    present.Add(property.Name);
                    property.WriteTo(writer);
                }
            }

            foreach (var top in (ReadOnlySpan<string>)["category", "name"])
            {
                if (!present.Contains(top) && definition.Properties.ContainsKey(top) && fields.Item.TryGetProperty(top, out var value))
                {
                    writer.WritePropertyName(top);
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private CustomerInput Event(string messageId, string? name, string properties, DateTimeOffset time) =>
        new(CustomerInputKind.Event, messageId, name, properties, time, request.ArrivalTime, null);

    private CustomerInput Identity(string messageId, string traits, DateTimeOffset time, string? previousId) =>
        new(CustomerInputKind.Identify, messageId, null, traits, time, request.ArrivalTime, previousId);
}
