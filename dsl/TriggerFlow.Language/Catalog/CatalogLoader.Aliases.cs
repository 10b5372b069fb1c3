using YamlDotNet.RepresentationModel;

namespace TriggerFlow.Language.Catalog;

/// <summary>
/// The <c>aliases:</c> of events and properties: the names sources post (Segment's spec names,
/// CloudEvents types, <c>product_id</c>) for the catalog's own. Aliases match ignoring case, so each
/// must stand for one event, or one property of its event, ignoring case too.
/// </summary>
public static partial class CatalogLoader
{
    /// <summary>Longer aliases are refused: no source names an event in more than a line.</summary>
    public const int MaxAliasLength = 200;

    /// <summary>Which event each event name and alias already stands for, ignoring case.</summary>
    private sealed class EventAliases(IEnumerable<string> eventNames)
    {
        public Dictionary<string, string> Names { get; } = eventNames.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(n => n, StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, string> Owners { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    private sealed partial class Reader
    {
        private List<string> ReadEventAliases(YamlNode? node, string eventName, EventAliases known)
        {
            var aliases = new List<string>();
            foreach (var (item, alias) in AliasList(node, $"event `{eventName}`"))
            {
                if (known.Names.TryGetValue(alias, out var named))
                {
                    Error(item, named == eventName
                        ? $"the alias `{alias}` of event `{eventName}` is the event's own name"
                        : $"the alias `{alias}` of event `{eventName}` is the name of event `{named}`",
                        named == eventName
                            ? "remove it: a posted name already matches the event's name ignoring case"
                            : "an alias names one event only: remove it, or rename one of the events");
                }
                else if (known.Owners.TryGetValue(alias, out var owner))
                {
                    Error(item, owner == eventName
                        ? $"event `{eventName}` lists the alias `{alias}` twice"
                        : $"the alias `{alias}` of event `{eventName}` is already an alias of event `{owner}`",
                        owner == eventName ? "remove the second one (aliases match ignoring case)" : "an alias names one event only: keep it on one of them");
                }
                else
                {
                    known.Owners.Add(alias, eventName);
                    aliases.Add(alias);
                }
            }

            return aliases;
        }

        /// <summary>An event's properties, each written <c>name: type</c> or <c>name: { type: type, aliases: [...] }</c>, and the aliases they declare.</summary>
        private (Dictionary<string, PropertyType> Properties, Dictionary<string, string> Aliases) ReadEventProperties(YamlNode? node, string eventName)
        {
            var properties = new Dictionary<string, PropertyType>(StringComparer.Ordinal);
            var declared = new List<(YamlNode Node, string Alias, string Property)>();
            foreach (var (_, name, value) in PropertyEntries(node, $"property of `{eventName}`"))
            {
                if (value is YamlMappingNode shape)
                {
                    CheckKeys(shape, $"property `{name}` of `{eventName}`", ["type", "aliases"]);
                }

                if (ReadType(value, name) is { } type)
                {
                    properties[name] = type;
                    var aliases = value is YamlMappingNode withAliases ? Child(withAliases, "aliases") : null;
                    declared.AddRange(AliasList(aliases, $"property `{name}` of `{eventName}`").Select(a => (a.Node, a.Alias, name)));
                }
            }

            return (properties, PropertyAliases(declared, properties, eventName));
        }

        private Dictionary<string, string> PropertyAliases(List<(YamlNode Node, string Alias, string Property)> declared, Dictionary<string, PropertyType> properties, string eventName)
        {
            var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in properties.Keys)
            {
                names.TryAdd(name, name);
            }

            foreach (var (node, alias, property) in declared)
            {
                if (names.TryGetValue(alias, out var named))
                {
                    Error(node, $"the alias `{alias}` of property `{property}` of `{eventName}` is the name of property `{named}`",
                        named == property ? "remove it: a posted property with the property's own name needs no alias" : "an alias names one property only: remove it, or rename the property");
                }
                else if (aliases.TryGetValue(alias, out var owner))
                {
                    Error(node, $"the alias `{alias}` of property `{property}` of `{eventName}` is already an alias of `{owner}`",
                        "an alias names one property of an event only (aliases match ignoring case): keep one");
                }
                else
                {
                    aliases.Add(alias, property);
                }
            }

            return aliases;
        }

        /// <summary>The names of an <c>aliases:</c> list that are usable, each with its node; the others reported.</summary>
        private IEnumerable<(YamlNode Node, string Alias)> AliasList(YamlNode? node, string what)
        {
            if (node is null)
            {
                yield break;
            }

            if (node is not YamlSequenceNode list)
            {
                Error(node, $"the aliases of {what} must be a list", "write `aliases: [Product Viewed, com.shop.product.viewed]`");
                yield break;
            }

            foreach (var item in list)
            {
                var alias = item is YamlScalarNode scalar ? scalar.Value ?? "" : null;
                if (alias is null || string.IsNullOrWhiteSpace(alias) || alias.Length > MaxAliasLength || alias.Any(char.IsControl) || alias.Trim().Length != alias.Length)
                {
                    Error(item, $"`{Text(item)}` cannot be an alias of {what}", $"write the name a source posts, on one line, without spaces around it, at most {MaxAliasLength} characters");
                    continue;
                }

                yield return (item, alias);
            }
        }
    }
}
