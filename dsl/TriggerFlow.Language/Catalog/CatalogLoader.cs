using System.Text.RegularExpressions;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace TriggerFlow.Language.Catalog;

/// <summary>The catalog as loaded, or as much of it as was valid, and what was wrong.</summary>
public sealed record CatalogLoadResult(EventCatalog Catalog, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Reads <c>catalog.yaml</c>. Walks the YAML node tree (not a typed deserializer) so every
/// problem can point at its own line and column. Never throws on any input.
/// </summary>
public static partial class CatalogLoader
{
    /// <summary>
    /// Deeper nesting is refused before the node tree is built: YamlDotNet builds it by recursion,
    /// so a file of many <c>[</c> would overflow the stack. The real catalog is four levels deep.
    /// </summary>
    public const int MaxDepth = 32;

    private static readonly Dictionary<string, PropertyType> TypeNames = new(StringComparer.Ordinal)
    {
        ["string"] = PropertyType.String,
        ["number"] = PropertyType.Number,
        ["boolean"] = PropertyType.Boolean,
        ["date"] = PropertyType.Date,
        ["datetime"] = PropertyType.DateTime,
        ["list"] = PropertyType.StringList,
    };

    public static CatalogLoadResult Load(string path, string yaml)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new Reader(path, yaml);
        if (yaml.Length > SourceText.MaxLength)
        {
            reader.Error(null, $"the catalog is {yaml.Length / 1024:N0} KB; the limit is {SourceText.MaxLength / 1024:N0} KB", "split descriptions out of the catalog");
            return new CatalogLoadResult(EventCatalog.Empty, reader.Diagnostics);
        }

        var stream = new YamlStream();
        try
        {
            if (Refuse(yaml) is { } refusal)
            {
                reader.Error(refusal.At, refusal.Message, refusal.Hint);
                return new CatalogLoadResult(EventCatalog.Empty, reader.Diagnostics);
            }

            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            reader.Error(e.Start, "the catalog is not valid YAML: " + e.Message.Split('\n')[0], "check the indentation and quoting near this line");
            return new CatalogLoadResult(EventCatalog.Empty, reader.Diagnostics);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 16 throws these, without a position, on some malformed input (found by the robustness tests).
            reader.Error((YamlNode?)null, "the catalog is not valid YAML: " + e.Message, "check the indentation and quoting");
            return new CatalogLoadResult(EventCatalog.Empty, reader.Diagnostics);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            reader.Error(null, "the catalog must be a mapping with `events`, `profile`, `channels` and `templates`", "start from the catalog in rules/catalog.yaml");
            return new CatalogLoadResult(EventCatalog.Empty, reader.Diagnostics);
        }

        return new CatalogLoadResult(reader.Read(root), reader.Diagnostics);
    }

    /// <summary>
    /// One streaming pass over the YAML events, before any tree is built: refuses nesting deeper
    /// than <see cref="MaxDepth"/>, and aliases, which a "billion laughs" file uses to make a few
    /// hundred bytes stand for billions of nodes. A catalog has no need of either.
    /// </summary>
    private static (Mark At, string Message, string Hint)? Refuse(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case AnchorAlias alias:
                    return (alias.Start, $"the catalog refers to `*{alias.Value}`; aliases are not allowed in the catalog", "write the value out in full");
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    return (parser.Current.Start, $"the catalog is nested more than {MaxDepth} levels deep", "events, properties and templates need four levels at most");
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }

    private static readonly string[] EventKeys = ["description", "subject", "properties", "aliases"];

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    internal static partial Regex PropertyName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*( [A-Za-z_][A-Za-z0-9_-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex EventName();

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    internal static partial Regex TemplateName();

    private sealed partial class Reader(string path, string yaml)
    {
        private int[]? _lineStarts;

        public List<Diagnostic> Diagnostics { get; } = [];

        public EventCatalog Read(YamlMappingNode root)
        {
            foreach (var key in root.Children.Keys)
            {
                if (Text(key) is not ("events" or "profile" or "channels" or "templates"))
                {
                    Error(key, $"unknown catalog section `{Text(key)}`", Hint(Text(key), ["events", "profile", "channels", "templates"]));
                }
            }

            var channels = ReadChannels(Child(root, "channels"));
            var events = ReadEvents(Child(root, "events"));
            var traits = ReadProperties(Child(root, "profile"), "profile trait");
            var templates = ReadTemplates(Child(root, "templates"), channels);
            return new EventCatalog(events, traits, channels, templates);
        }

        public void Error(YamlNode? node, string message, string hint)
        {
            var span = node is null ? new SourceSpan(0, 0, 1, 1) : SpanAt(node.Start.Index);
            Diagnostics.Add(Descriptors.CatalogInvalid.At(path, span, message, hint));
        }

        public void Error(Mark at, string message, string hint) =>
            Diagnostics.Add(Descriptors.CatalogInvalid.At(path, SpanAt(at.Index), message, hint));

        /// <summary>
        /// The span from the character offset, counting lines at <c>\n</c> only as the rule parser
        /// does: YAML also breaks lines at a lone <c>\r</c>, U+0085 and U+2028, so its own line
        /// numbers can point past the last line an editor or the CLI shows.
        /// </summary>
        private SourceSpan SpanAt(long index)
        {
            _lineStarts ??= [0, .. yaml.Select((c, i) => (c, i)).Where(p => p.c == '\n').Select(p => p.i + 1)];
            var start = (int)Math.Clamp(index, 0, yaml.Length);
            var found = Array.BinarySearch(_lineStarts, start);
            var line = found >= 0 ? found : ~found - 1;
            return new SourceSpan(start, start < yaml.Length ? 1 : 0, line + 1, start - _lineStarts[line] + 1);
        }

        private static YamlNode? Child(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        /// <summary>A scalar's value; any other node shortened, as it only ever appears in a message.</summary>
        private static string Text(YamlNode node) => node is YamlScalarNode scalar
            ? scalar.Value ?? ""
            : node.ToString() is { Length: > 40 } shown ? shown[..40] + "…" : node.ToString();

        private static string Hint(string word, IEnumerable<string> options) =>
            Suggestions.Closest(word, options) is { } s ? $"did you mean `{s}`?" : "valid here: " + string.Join(", ", options);

        private List<string> ReadChannels(YamlNode? node)
        {
            if (node is null)
            {
                Error(null, "the catalog declares no `channels`", "add `channels: [email, sms, push]`");
                return [];
            }

            if (node is not YamlSequenceNode list)
            {
                Error(node, "`channels` must be a list", "write `channels: [email, sms, push]`");
                return [];
            }

            var channels = new List<string>();
            foreach (var item in list)
            {
                var name = Text(item);
                if (!PropertyName().IsMatch(name) || Lexical.Reserved.Contains(name))
                {
                    Error(item, $"`{name}` cannot name a channel", "use a single lower-case word such as `email`");
                }
                else if (channels.Contains(name))
                {
                    Error(item, $"channel `{name}` is listed twice", "remove the second one");
                }
                else
                {
                    channels.Add(name);
                }
            }

            return channels;
        }

        private Dictionary<string, EventDefinition> ReadEvents(YamlNode? node)
        {
            var events = new Dictionary<string, EventDefinition>(StringComparer.Ordinal);
            if (node is null)
            {
                return events;
            }

            if (node is not YamlMappingNode map)
            {
                Error(node, "`events` must map each event name to its definition", "see rules/catalog.yaml for the shape");
                return events;
            }

            var aliases = new EventAliases(map.Children.Keys.Select(Text));
            foreach (var (key, value) in map.Children)
            {
                if (ReadEvent(Text(key), key, value, aliases) is { } definition)
                {
                    events[definition.Name] = definition;
                }
            }

            return events;
        }

        private EventDefinition? ReadEvent(string name, YamlNode key, YamlNode value, EventAliases aliases)
        {
            if (!EventName().IsMatch(name))
            {
                Error(key, $"`{name}` cannot name an event", "use words of letters, digits, `_` and `-` separated by single spaces");
                return null;
            }

            if (name.Split(' ').FirstOrDefault(Lexical.Reserved.Contains) is { } reserved)
            {
                Error(key, $"event `{name}` uses the keyword `{reserved}`", "rename the event; keywords end an event name in a rule");
                return null;
            }

            var definition = value as YamlMappingNode;
            if (definition is null && !(value is YamlScalarNode { Value: null or "" }))
            {
                Error(value, $"event `{name}` must be a mapping with `properties`", "see rules/catalog.yaml for the shape");
                return null;
            }

            if (definition is null)
            {
                return new EventDefinition(name, null, new Dictionary<string, PropertyType>(), null);
            }

            CheckKeys(definition, $"event `{name}`", EventKeys);
            var (properties, propertyAliases) = ReadEventProperties(Child(definition, "properties"), name);
            var subjectNode = Child(definition, "subject");
            var subject = subjectNode is null ? null : Text(subjectNode);
            if (subject is not null && !properties.ContainsKey(subject))
            {
                Error(subjectNode, $"the subject `{subject}` of event `{name}` is not one of its properties", Hint(subject, properties.Keys));
            }

            var description = Child(definition, "description") is { } d ? Text(d) : null;
            return new EventDefinition(name, subject, properties, description)
            {
                Aliases = ReadEventAliases(Child(definition, "aliases"), name, aliases),
                PropertyAliases = propertyAliases,
            };
        }

        private void CheckKeys(YamlMappingNode node, string what, string[] known)
        {
            foreach (var key in node.Children.Keys.Where(k => !known.Contains(Text(k))))
            {
                Error(key, $"{what} has an unknown key `{Text(key)}`", Hint(Text(key), known));
            }
        }

        private Dictionary<string, PropertyType> ReadProperties(YamlNode? node, string what)
        {
            var properties = new Dictionary<string, PropertyType>(StringComparer.Ordinal);
            foreach (var (key, name, value) in PropertyEntries(node, what))
            {
                if (value is YamlMappingNode shape)
                {
                    CheckKeys(shape, $"{what} `{name}`", ["type"]);
                }

                if (ReadType(value, name) is { } type)
                {
                    properties[name] = type;
                }
            }

            return properties;
        }

        /// <summary>The entries of a properties mapping whose names are valid, with each name's node and value.</summary>
        private IEnumerable<(YamlNode Key, string Name, YamlNode Value)> PropertyEntries(YamlNode? node, string what)
        {
            if (node is null)
            {
                yield break;
            }

            if (node is not YamlMappingNode map)
            {
                Error(node, $"each {what} must be listed as `name: type`", "types: " + string.Join(", ", TypeNames.Keys));
                yield break;
            }

            foreach (var (key, value) in map.Children)
            {
                var name = Text(key);
                if (!PropertyName().IsMatch(name) || Lexical.Reserved.Contains(name))
                {
                    Error(key, $"`{name}` cannot name a {what}", "use letters, digits and `_`, starting with a letter, and no keyword");
                    continue;
                }

                yield return (key, name, value);
            }
        }

        /// <summary>The type of a property written <c>name: type</c> or <c>name: { type: type, … }</c>.</summary>
        private PropertyType? ReadType(YamlNode value, string name)
        {
            var typeNode = value is YamlMappingNode shape ? Child(shape, "type") : value;
            if (typeNode is null)
            {
                Error(value, $"property `{name}` has no `type`", "write `{ type: string, aliases: [...] }`");
                return null;
            }

            var typeName = Text(typeNode);
            if (!TypeNames.TryGetValue(typeName, out var type))
            {
                Error(typeNode, $"`{typeName}` is not a type", Hint(typeName, TypeNames.Keys));
                return null;
            }

            return type;
        }

        private Dictionary<string, TemplateDefinition> ReadTemplates(YamlNode? node, List<string> channels)
        {
            var templates = new Dictionary<string, TemplateDefinition>(StringComparer.Ordinal);
            if (node is null)
            {
                return templates;
            }

            if (node is not YamlMappingNode map)
            {
                Error(node, "`templates` must map each template name to its channels and parameters", "see rules/catalog.yaml for the shape");
                return templates;
            }

            foreach (var (key, value) in map.Children)
            {
                var name = Text(key);
                if (!TemplateName().IsMatch(name))
                {
                    Error(key, $"`{name}` cannot name a template", "use lower-case letters, digits, `-`, `_` and `.`");
                    continue;
                }

                if (value is not YamlMappingNode definition)
                {
                    Error(value, $"template `{name}` must list its `channels`", "write `channels: [email]` under it");
                    continue;
                }

                var templateChannels = Strings(Child(definition, "channels"), $"the channels of template `{name}`");
                foreach (var channel in templateChannels.Where(c => !channels.Contains(c)))
                {
                    Error(Child(definition, "channels"), $"template `{name}` names unknown channel `{channel}`", Hint(channel, channels));
                }

                var parameters = Strings(Child(definition, "parameters"), $"the parameters of template `{name}`");
                var description = Child(definition, "description") is { } d ? Text(d) : null;
                templates[name] = new TemplateDefinition(name, templateChannels, parameters, description);
            }

            return templates;
        }

        private List<string> Strings(YamlNode? node, string what)
        {
            if (node is null)
            {
                return [];
            }

            if (node is not YamlSequenceNode list)
            {
                Error(node, $"{what} must be a list", "write them as `[a, b]`");
                return [];
            }

            return list.Select(Text).ToList();
        }
    }
}
