using System.Text.Json;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Runtime.Ingestion.Acceptance;

namespace TriggerFlow.Runtime.Ingestion.Validation;

/// <summary>
/// The active catalog as one request sees it (a deploy during the request does not change it
/// halfway). Declared properties and traits must have their declared type; undeclared ones pass
/// through untouched, because sources such as Segment send many fields no rule uses.
/// </summary>
internal sealed class InputCatalog(EventCatalog catalog, IngestionOptions options)
{
    /// <summary>The catalog event a posted name refers to: an alias, the exact name, or the name ignoring case.</summary>
    public EventDefinition? Resolve(string posted)
    {
        var name = options.EventAliases.FirstOrDefault(a => a.Key.Equals(posted, StringComparison.OrdinalIgnoreCase)).Value ?? posted;
        return catalog.Events.TryGetValue(name, out var exact)
            ? exact
            : catalog.Events.Values.FirstOrDefault(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    public string UnknownEvent(string posted) =>
        $"`{Shorten(posted)}` is not an event in the active catalog; known events: {string.Join(", ", catalog.Events.Keys.Order(StringComparer.Ordinal).Select(k => $"`{k}`"))}";

    public void CheckProperties(EventDefinition definition, JsonElement properties, string field, List<FieldError> errors) =>
        CheckTyped(definition.Properties, properties, field, errors);

    /// <summary>The catalog's channels: the keys consent may be given for.</summary>
    public IReadOnlyList<string> Channels => catalog.Channels;

    /// <summary>Declared traits must have their type, and <c>traits.consent</c> must name channels with true or false (<see cref="ConsentValues"/>).</summary>
    public void CheckTraits(JsonElement traits, string field, List<FieldError> errors)
    {
        CheckTyped(catalog.Traits, traits, field, errors);
        if (!ConsentValues.TryRead(traits, null, catalog.Channels, out _, out var problem))
        {
            errors.Add(new FieldError($"{field}.{problem.Member}", problem.Message));
        }
    }

    private static void CheckTyped(IReadOnlyDictionary<string, PropertyType> declared, JsonElement values, string field, List<FieldError> errors)
    {
        foreach (var property in values.EnumerateObject())
        {
            if (declared.TryGetValue(property.Name, out var type) && !PropertyValues.TryFromJson(property.Value, type, out _, out var error))
            {
                errors.Add(new FieldError($"{field}.{property.Name}", error!));
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
