using System.Text.Json;
using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Input.Typing;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Input.Segment;

/// <summary>
/// Maps Segment Tracking API calls to the engine's typed inputs, for every host and the backtest.
/// <c>track</c> is the catalog event its <c>event</c> names (or aliases); <c>page</c> becomes the
/// page event when the catalog has it; <c>identify</c> carries traits and consent (and merges
/// <c>anonymousId</c> into <c>userId</c>); <c>alias</c> merges <c>previousId</c> into <c>userId</c>;
/// <c>screen</c> and <c>group</c>, and events the catalog does not know, are left out and counted.
/// Times follow Segment's clock-skew correction (<see cref="SegmentTimes"/>).
/// </summary>
public sealed class SegmentMapper(InputMapping mapping)
{
    private static readonly string[] Types = ["track", "identify", "page", "alias", "screen", "group"];

    /// <summary>Maps one call; never throws on what a source posted.</summary>
    public MappedCall Map(JsonElement call, in CallContext context)
    {
        var fields = new CallFields(call, context.Path, mapping.MaxIdLength);
        if (call.ValueKind != JsonValueKind.Object)
        {
            var field = context.Path.Length == 0 ? "$" : context.Path.TrimEnd('.');
            return new MappedCall(context.Fallback(call), null, null, null, null, [new FieldError(field, "expected a JSON object (a Segment call)")], []);
        }

        var messageId = fields.MessageId("messageId", context);
        var type = TypeOf(fields, context.Type);
        var mapped = type switch
        {
            "track" => Track(fields, messageId, context),
            "page" => Page(fields, messageId, context),
            "identify" => Identify(fields, messageId, context),
            "alias" => Alias(fields, messageId, context),
            "screen" or "group" => Ignore(fields, messageId, IgnoredPart.Call, type, $"`{type}` calls are not used by TriggerFlow"),
            _ => Unusable(fields, messageId),
        };
        return mapped with { Call = type };
    }

    /// <summary>The call's type: the endpoint's, else the call's own <c>type</c> (any case), else inferred from its fields as Segment's own libraries shape them.</summary>
    private static string? TypeOf(CallFields fields, string? implied)
    {
        if (implied is not null)
        {
            return implied;
        }

        if (fields.Element("type") is { } element)
        {
            var type = element.ValueKind == JsonValueKind.String ? element.GetString()!.ToLowerInvariant() : null;
            if (type is not null && Types.Contains(type))
            {
                return type;
            }

            fields.Error("type", $"`{CallFields.Shorten(element.ToString())}` is not a Segment call type; expected track, identify, page, alias, screen or group");
            return null;
        }

        return fields.Has("event") ? "track"
            : fields.Has("previousId") ? "alias"
            : fields.Has("groupId") ? "group"
            : fields.Has("traits") ? "identify"
            : "page";
    }

    private MappedCall Track(CallFields fields, string messageId, in CallContext context)
    {
        var customer = Customer(fields);
        var name = fields.Required("event");
        var times = Times(fields, context);
        var properties = fields.Object("properties");
        if (name is null || fields.Errors.Count > 0)
        {
            return Unusable(fields, messageId);
        }

        if (mapping.ResolveEvent(name) is not { } definition)
        {
            return Ignore(fields, messageId, IgnoredPart.Event, name, $"`{CallFields.Shorten(name)}` is not an event in the active catalog");
        }

        var typed = PropertyTyping.Type(fields, "properties", properties, definition);
        return Event(fields, messageId, customer, definition, typed, times);
    }

    private MappedCall Page(CallFields fields, string messageId, in CallContext context)
    {
        var customer = Customer(fields);
        var times = Times(fields, context);
        var properties = fields.Object("properties");
        if (fields.Errors.Count > 0)
        {
            return Unusable(fields, messageId);
        }

        if (mapping.PageEvent is not { } pageEvent || mapping.ResolveEvent(pageEvent) is not { } definition)
        {
            return Ignore(fields, messageId, IgnoredPart.Call, "page", mapping.PageEvent is null ? "pages are not read" : $"the active catalog has no `{mapping.PageEvent}` event for pages");
        }

        // A page's category and name sit beside its properties in the Segment spec; the page event may declare them.
        var extra = new List<KeyValuePair<string, JsonElement>>(2);
        foreach (var top in (ReadOnlySpan<string>)["category", "name"])
        {
            if (fields.Element(top) is { } value)
            {
                extra.Add(KeyValuePair.Create(top, value));
            }
        }

        var typed = PropertyTyping.Type(fields, "properties", properties, definition, extra);
        return Event(fields, messageId, customer, definition, typed, times);
    }

    private MappedCall Identify(CallFields fields, string messageId, in CallContext context)
    {
        var userId = fields.Text("userId", allowNumber: true);
        var anonymousId = fields.Text("anonymousId", allowNumber: true);
        var customer = userId ?? anonymousId ?? NoCustomer(fields);
        var times = Times(fields, context);
        var traits = fields.Object("traits");
        var typed = TraitTyping.Type(fields, traits, mapping.Catalog);
        var consent = TraitTyping.Consent(fields, traits, fields.Object("context"), mapping.Catalog);
        if (fields.Errors.Count > 0)
        {
            return Unusable(fields, messageId);
        }

        var merge = userId is not null && anonymousId is not null && anonymousId != userId ? anonymousId : null;
        return new MappedCall(messageId, customer, new ProfileInput(messageId, typed, consent, times.Arrival), merge, null, [], fields.Ignored);
    }

    private MappedCall Alias(CallFields fields, string messageId, in CallContext context)
    {
        var previousId = fields.Required("previousId", allowNumber: true);
        var userId = fields.Required("userId", allowNumber: true);
        var times = Times(fields, context);
        if (fields.Errors.Count > 0)
        {
            return Unusable(fields, messageId);
        }

        var merge = previousId != userId ? previousId : null;
        return new MappedCall(messageId, userId, new ProfileInput(messageId, NoTraits, TraitTyping.NoConsent, times.Arrival), merge, null, [], []);
    }

    private static readonly Dictionary<string, object?> NoTraits = [];

    private static string? Customer(CallFields fields) =>
        fields.Text("userId", allowNumber: true) ?? fields.Text("anonymousId", allowNumber: true) ?? NoCustomer(fields);

    private static string? NoCustomer(CallFields fields)
    {
        if (!fields.HasError("userId") && !fields.HasError("anonymousId"))
        {
            fields.Error("userId", "userId or anonymousId is required: it names the customer");
        }

        return null;
    }

    /// <summary>The call's times, corrected for clock skew; an error when none is known.</summary>
    private (Instant EventTime, Instant Arrival) Times(CallFields fields, in CallContext context)
    {
        var timestamp = fields.Time("timestamp");
        var original = fields.Time("originalTimestamp");
        var sent = fields.Time("sentAt") ?? context.SentAt;
        var received = fields.Time("receivedAt");
        if (!SegmentTimes.TryResolve(timestamp, original, sent, received, context.ReceivedAt, mapping.FutureTolerance, out var eventTime, out var arrival, out var clamped)
            && fields.Errors.Count == 0)
        {
            fields.Error("timestamp", $"is missing, and so are originalTimestamp and receivedAt: expected {Time.Timestamps.Expectation}");
        }
        else if (clamped)
        {
            fields.Ignored.Add(IgnoredPart.FutureTimestamp);
        }

        return (eventTime, arrival);
    }

    private static MappedCall Event(CallFields fields, string messageId, string? customer, EventDefinition definition, PropertyMap properties, (Instant EventTime, Instant Arrival) times) =>
        fields.Errors.Count > 0
            ? Unusable(fields, messageId)
            : new MappedCall(messageId, customer, new EventInput(messageId, definition.Name, properties, times.EventTime, times.Arrival), null, null, [], fields.Ignored);

    private static MappedCall Ignore(CallFields fields, string messageId, string kind, string name, string reason)
    {
        fields.Ignored.Add(new IgnoredPart(kind, name));
        return new MappedCall(messageId, null, null, null, reason, [], fields.Ignored);
    }

    private static MappedCall Unusable(CallFields fields, string messageId) =>
        new(messageId, null, null, null, null, fields.Errors, fields.Ignored);
}
