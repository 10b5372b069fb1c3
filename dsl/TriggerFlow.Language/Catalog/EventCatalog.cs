using System.Runtime.CompilerServices;

namespace TriggerFlow.Language.Catalog;

/// <summary>The type of an event property or a profile trait.</summary>
public enum PropertyType
{
    String,
    Number,
    Boolean,
    Date,
    DateTime,

    /// <summary>A list of strings, tested with <c>contains</c>.</summary>
    StringList,
}

/// <summary>An event sources may post, with its typed properties.</summary>
/// <param name="Subject">The property that <c>of "value"</c> refers to, as in <c>purchase of "toothpaste"</c>.</param>
public sealed record EventDefinition(string Name, string? Subject, IReadOnlyDictionary<string, PropertyType> Properties, string? Description)
{
    /// <summary>Shared by every definition without property aliases, so such definitions still compare equal.</summary>
    private static readonly IReadOnlyDictionary<string, string> NoPropertyAliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    private readonly IReadOnlyDictionary<string, string> _propertyAliases = NoPropertyAliases;

    /// <summary>
    /// Other names a source may post this event under, such as Segment's spec name <c>Product Viewed</c> or
    /// a CloudEvents type <c>com.shop.product.viewed</c>; matched ignoring case. Empty by default.
    /// </summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// Posted property names (<c>product_id</c>) and the catalog property each stands for (<c>product</c>);
    /// keys match ignoring case, so two keys that differ only in case are refused with an
    /// <see cref="ArgumentException"/> (the catalog loader reports them as a catalog error first). Empty by default.
    /// </summary>
    public IReadOnlyDictionary<string, string> PropertyAliases
    {
        get => _propertyAliases;

        // Copied with a case-insensitive comparer so lookups ignore case whatever dictionary is given.
        init => _propertyAliases = value.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The catalog property a posted property name stands for: the exact property name, else an alias
    /// (ignoring case); null when it is neither.
    /// </summary>
    public string? FindProperty(string posted)
    {
        ArgumentNullException.ThrowIfNull(posted);
        return Properties.ContainsKey(posted) ? posted : _propertyAliases.GetValueOrDefault(posted);
    }
}

/// <summary>A message template, the channels it is written for and the parameters it takes.</summary>
public sealed record TemplateDefinition(string Name, IReadOnlyList<string> Channels, IReadOnlyList<string> Parameters, string? Description);

/// <summary>
/// What rules may refer to: events and their properties, profile traits, channels and templates.
/// Loaded from <c>rules/catalog.yaml</c>; every name in a rule is resolved against it.
/// </summary>
public sealed record EventCatalog(
    IReadOnlyDictionary<string, EventDefinition> Events,
    IReadOnlyDictionary<string, PropertyType> Traits,
    IReadOnlyList<string> Channels,
    IReadOnlyDictionary<string, TemplateDefinition> Templates)
{
    /// <summary>The catalog's file name, looked for in the rules folder and its parents.</summary>
    public const string FileName = "catalog.yaml";

    /// <summary>
    /// The lookup tables <see cref="FindEvent"/> needs, built once per events dictionary. Kept beside the
    /// record rather than in a field so that <c>with</c> cannot carry a stale table and equality is unchanged.
    /// </summary>
    private static readonly ConditionalWeakTable<IReadOnlyDictionary<string, EventDefinition>, EventNames> Names = new();

    public static EventCatalog Empty { get; } = new(
        new Dictionary<string, EventDefinition>(),
        new Dictionary<string, PropertyType>(),
        [],
        new Dictionary<string, TemplateDefinition>());

    /// <summary>
    /// The catalog event a source means by <paramref name="posted"/>: the exact catalog name, else an
    /// alias (ignoring case), else the name ignoring case; null when none matches. This is the one rule
    /// every input path (the host, the backtest) uses to name events.
    /// </summary>
    public EventDefinition? FindEvent(string posted)
    {
        ArgumentNullException.ThrowIfNull(posted);
        if (Events.TryGetValue(posted, out var exact))
        {
            return exact;
        }

        var names = Names.GetValue(Events, EventNames.Build);
        return names.ByAlias.GetValueOrDefault(posted) ?? names.ByName.GetValueOrDefault(posted);
    }

    private sealed class EventNames
    {
        public Dictionary<string, EventDefinition> ByAlias { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, EventDefinition> ByName { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The first definition wins where names collide; the loader reports such collisions as errors.</summary>
        public static EventNames Build(IReadOnlyDictionary<string, EventDefinition> events)
        {
            var names = new EventNames();
            foreach (var definition in events.Values)
            {
                names.ByName.TryAdd(definition.Name, definition);
                foreach (var alias in definition.Aliases)
                {
                    names.ByAlias.TryAdd(alias, definition);
                }
            }

            return names;
        }
    }
}
