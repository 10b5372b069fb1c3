using System.Text.Json;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Input.Typing;

/// <summary>
/// Types an event's posted properties once, by the catalog: a declared property (or one of its
/// aliases, such as Segment's <c>product_id</c>) must have its declared type; an undeclared one is
/// left out and counted. A property given twice keeps its last value, except that its own name wins
/// over an alias. What the engine receives is the typed map; nothing is typed again later.
/// </summary>
internal static class PropertyTyping
{
    /// <param name="extra">Values beside the properties that the event may declare (a page's top-level <c>category</c> and <c>name</c>), used when the properties lack them.</param>
    public static PropertyMap Type(CallFields fields, string field, JsonElement? properties, EventDefinition definition, IEnumerable<KeyValuePair<string, JsonElement>>? extra = null)
    {
        var typed = new List<KeyValuePair<string, object?>>();
        var byAlias = new List<bool>();
        if (properties is { } bag)
        {
            foreach (var property in bag.EnumerateObject())
            {
                if (definition.FindProperty(property.Name) is not { } name)
                {
                    fields.Ignored.Add(new IgnoredPart(IgnoredPart.Property, $"{definition.Name}: {property.Name}"));
                }
                else if (!PropertyValues.TryFromJson(property.Value, definition.Properties[name], out var value, out var error))
                {
                    fields.Error($"{field}.{property.Name}", error!);
                }
                else
                {
                    Add(typed, byAlias, name, value, alias: property.Name != name);
                }
            }
        }

        foreach (var (name, json) in extra ?? [])
        {
            if (!typed.Exists(p => p.Key == name) && definition.Properties.TryGetValue(name, out var type))
            {
                if (PropertyValues.TryFromJson(json, type, out var value, out var error))
                {
                    typed.Add(KeyValuePair.Create(name, value));
                }
                else
                {
                    fields.Error(name, error!);
                }
            }
        }

        return typed.Count == 0 ? PropertyMap.Empty : PropertyMap.From(typed);
    }

    /// <summary>A property given twice keeps its last value, except that its own name wins over an alias (<c>total</c> over <c>revenue</c>).</summary>
    private static void Add(List<KeyValuePair<string, object?>> typed, List<bool> byAlias, string name, object? value, bool alias)
    {
        var index = typed.FindIndex(p => p.Key == name);
        if (index < 0)
        {
            typed.Add(KeyValuePair.Create(name, value));
            byAlias.Add(alias);
        }
        else if (alias == byAlias[index] || !alias)
        {
            typed[index] = KeyValuePair.Create(name, value);
            byAlias[index] = alias;
        }
    }
}
