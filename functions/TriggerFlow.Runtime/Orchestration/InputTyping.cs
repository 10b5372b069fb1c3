using System.Text.Json;
using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Runtime.Orchestration;

/// <summary>
/// Turns a posted input into the engine's typed input with the deployed catalog. Ingestion has
/// validated it already, so a value that does not fit now (the catalog changed in between) is
/// left out with a warning rather than failing the whole call.
/// </summary>
internal static partial class InputTyping
{
    public static EngineInput ToEngineInput(CustomerInput input, EventCatalog catalog, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var document = JsonDocument.Parse(string.IsNullOrEmpty(input.PropertiesJson) ? "{}" : input.PropertiesJson);
        var arrival = Instant.FromDateTimeOffset(input.ArrivalTime);
        if (input.Kind == CustomerInputKind.Identify)
        {
            return new ProfileInput(input.MessageId, Typed(document.RootElement, catalog.Traits, input, logger), Consent(document.RootElement, catalog, input, logger), arrival);
        }

        var properties = catalog.Events.TryGetValue(input.Name ?? "", out var definition)
            ? Typed(document.RootElement, definition.Properties, input, logger)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        return new EventInput(input.MessageId, input.Name ?? "", properties, Instant.FromDateTimeOffset(input.EventTime), arrival);
    }

    private static Dictionary<string, object?> Typed(JsonElement json, IReadOnlyDictionary<string, PropertyType> types, CustomerInput input, ILogger logger)
    {
        var typed = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (json.ValueKind != JsonValueKind.Object)
        {
            return typed;
        }

        foreach (var property in json.EnumerateObject())
        {
            if (!types.TryGetValue(property.Name, out var type))
            {
                continue;
            }

            if (PropertyValues.TryFromJson(property.Value, type, out var value, out var error))
            {
                typed[property.Name] = value;
            }
            else
            {
                LogSkipped(logger, property.Name, input.MessageId, error ?? "");
            }
        }

        return typed;
    }

    private static Dictionary<string, bool> Consent(JsonElement traits, EventCatalog catalog, CustomerInput input, ILogger logger)
    {
        if (!ConsentValues.TryRead(traits, null, catalog.Channels, out var consent, out var problem))
        {
            LogSkipped(logger, problem.Member, input.MessageId, problem.Message);
        }

        return consent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Left out `{Property}` of message {MessageId}: {Error}")]
    private static partial void LogSkipped(ILogger logger, string property, string messageId, string error);
}
