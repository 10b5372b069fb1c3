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
public sealed record EventDefinition(string Name, string? Subject, IReadOnlyDictionary<string, PropertyType> Properties, string? Description);

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

    public static EventCatalog Empty { get; } = new(
        new Dictionary<string, EventDefinition>(),
        new Dictionary<string, PropertyType>(),
        [],
        new Dictionary<string, TemplateDefinition>());
}
