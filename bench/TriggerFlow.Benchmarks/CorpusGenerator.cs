using System.Globalization;
using System.Text;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Benchmarks;

/// <summary>
/// Writes a deterministic corpus of varied, valid rules drawn from a real catalog: the same seed
/// and catalog always give the same text, so benchmark runs compare like with like. Each rule
/// exercises a different mix of the clause kinds in docs/language.md.
/// </summary>
internal sealed class CorpusGenerator
{
    /// <summary>The rules folder's shared files, copied beside the generated rules so the corpus checks on its own.</summary>
    public static readonly string[] SharedFiles = [EventCatalog.FileName, "segments.trigger", "governance.trigger"];

    private static readonly string[] Segments = ["parents", "back-to-school", "app-users", "multi-line-household", "high-value"];
    private static readonly string[] Owners = ["lifecycle", "retail-crm", "travel", "support", "growth"];
    private static readonly string[] Words = ["kids", "school", "toothpaste", "garden", "shoes", "US", "CA", "gold", "sale"];
    private static readonly string[] Durations = ["30m", "2h", "6h", "24h", "2d", "3d", "7d"];

    private readonly EventCatalog _catalog;
    private readonly Random _random;
    private readonly List<EventDefinition> _events;
    private readonly List<TemplateDefinition> _templates;

    public CorpusGenerator(EventCatalog catalog, int seed)
    {
        _catalog = catalog;
        _random = new Random(seed);
        _events = [.. catalog.Events.Values.OrderBy(e => e.Name, StringComparer.Ordinal)];
        _templates = [.. catalog.Templates.Values.Where(t => t.Channels.Count > 0).OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>Writes <paramref name="count"/> rules, one file each, and copies the shared files from <paramref name="rulesFolder"/>.</summary>
    public static void WriteFolder(string rulesFolder, string output, int count, int seed)
    {
        Directory.CreateDirectory(output);
        foreach (var shared in SharedFiles)
        {
            File.Copy(Path.Combine(rulesFolder, shared), Path.Combine(output, shared), overwrite: true);
        }

        var catalog = LoadCatalog(rulesFolder);
        var generator = new CorpusGenerator(catalog, seed);
        for (var i = 0; i < count; i++)
        {
            var name = RuleName(i);
            File.WriteAllText(Path.Combine(output, name + ".trigger"), generator.Rule(name));
        }
    }

    public static EventCatalog LoadCatalog(string rulesFolder)
    {
        var path = Path.Combine(rulesFolder, EventCatalog.FileName);
        var loaded = CatalogLoader.Load(path, File.ReadAllText(path));
        return loaded.Succeeded
            ? loaded.Catalog
            : throw new InvalidOperationException($"{path} has errors: {string.Join("; ", loaded.Diagnostics)}");
    }

    public static string RuleName(int index) => "gen-" + index.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>One rule in canonical clause order; which optional clauses appear is decided by the seed.</summary>
    public string Rule(string name)
    {
        var text = new StringBuilder();
        var isTest = Chance(0.25);
        text.Append(CultureInfo.InvariantCulture, $"rule \"{name}\"\n");
        text.Append(CultureInfo.InvariantCulture, $"  owner \"{Pick(Owners)}\"\n");
        text.Append(CultureInfo.InvariantCulture, $"  status {(isTest ? "test" : Pick(["draft", "always-on", "paused"]))}\n");
        text.Append(CultureInfo.InvariantCulture, $"  priority {_random.Next(1, 100)}\n");
        if (Chance(0.3))
        {
            text.Append(CultureInfo.InvariantCulture, $"  active from 2026-0{_random.Next(1, 7)}-01 until 2026-1{_random.Next(0, 3)}-15\n");
        }

        var signal = Pick(_events);
        text.Append("  when ").Append(Signal(signal)).Append('\n');
        if (Chance(0.2))
        {
            text.Append("  then ").Append(EventWithFilter(Pick(_events))).Append(CultureInfo.InvariantCulture, $" within {Pick(Durations)}\n");
        }

        if (Chance(0.6))
        {
            var absent = Pick(_events.Where(e => e.Name != signal.Name).ToList());
            text.Append("  without ").Append(EventWithFilter(absent)).Append(CultureInfo.InvariantCulture, $" within {Pick(Durations)}");
            text.Append(Chance(0.3) ? " from first signal\n" : "\n");
        }

        if (Chance(0.15))
        {
            text.Append(CultureInfo.InvariantCulture, $"  within 90d of first {Pick(_events).Name}\n");
        }

        if (Chance(0.3))
        {
            text.Append(CultureInfo.InvariantCulture, $"  wait {Pick(["15m", "1h", "2h", "1d"])}\n");
        }

        if (Chance(0.8))
        {
            text.Append("  and ").Append(Audience(signal)).Append('\n');
        }

        var template = Pick(_templates);
        var channel = Pick(template.Channels);
        text.Append(CultureInfo.InvariantCulture, $"  send {channel} template \"{template.Name}\"{Parameters(template)}\n");
        text.Append(CultureInfo.InvariantCulture, $"  at most 1 {Pick(["per 7d", "per 30d", "ever"])}\n");
        text.Append(Pick(["  quiet hours hold\n", "  quiet hours drop\n", "  quiet hours 22:00 to 07:00 hold\n", ""]));
        if (isTest)
        {
            var share = _random.Next(2, 5) * 10;
            text.Append(CultureInfo.InvariantCulture, $"  control {share / 2}%\n");
            text.Append(CultureInfo.InvariantCulture, $"  variant \"a\" {share}% via {channel} template \"{template.Name}\"{Parameters(template)}\n");
            text.Append(CultureInfo.InvariantCulture, $"  variant \"b\" {100 - share}% via {channel} template \"{template.Name}\" wait 1h{Parameters(template)}\n");
            text.Append(CultureInfo.InvariantCulture, $"  goal {Pick(_events).Name} within 7d\n");
            text.Append(CultureInfo.InvariantCulture, $"  minimum sample {_random.Next(1, 20) * 100}\n");
        }

        return text.ToString();
    }

    private string Signal(EventDefinition signal)
    {
        if (Chance(0.15) && signal.Subject is not null)
        {
            return $"{Pick(["30d", "45 days", "8w"])} since last {signal.Name} of \"{Pick(Words)}\"";
        }

        return EventWithFilter(signal);
    }

    private string EventWithFilter(EventDefinition evt)
    {
        var text = evt.Name;
        if (evt.Subject is not null && Chance(0.2))
        {
            text += $" of \"{Pick(Words)}\"";
        }

        var filters = Chance(0.5) ? _random.Next(1, 3) : 0;
        var comparisons = Enumerable.Range(0, filters).Select(_ => Comparison(evt.Properties, scope: "")).OfType<string>().ToList();
        return comparisons.Count == 0 ? text : $"{text} where {string.Join(" and ", comparisons)}";
    }

    private string Audience(EventDefinition signal)
    {
        var parts = new List<string>();
        for (var n = _random.Next(1, 4); n > 0; n--)
        {
            var part = _random.Next(4) switch
            {
                0 => $"segment {Pick(Segments)}",
                1 => Comparison(signal.Properties, "event."),
                2 => $"({Comparison(_catalog.Traits, "profile.")} or segment {Pick(Segments)})",
                _ => Comparison(_catalog.Traits, "profile."),
            };
            if (part is not null)
            {
                parts.Add(Chance(0.1) ? "not " + part : part);
            }
        }

        return parts.Count == 0 ? $"segment {Pick(Segments)}" : string.Join(" and ", parts);
    }

    /// <summary>A comparison valid for the property's type, or null when the property set is empty.</summary>
    private string? Comparison(IReadOnlyDictionary<string, PropertyType> properties, string scope)
    {
        if (properties.Count == 0)
        {
            return null;
        }

        var (name, type) = Pick(properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToList());
        var path = scope + name;
        return type switch
        {
            PropertyType.Number => $"{path} {Pick([">", ">=", "<", "=", "!="])} {_random.Next(0, 500)}",
            PropertyType.Boolean => $"{path} = {Pick(["true", "false"])}",
            PropertyType.Date => $"{path} >= 2025-0{_random.Next(1, 10)}-01",
            PropertyType.DateTime => $"{path} is set",
            PropertyType.StringList => $"{path} contains \"{Pick(Words)}\"",
            _ => _random.Next(3) switch
            {
                0 => $"{path} in [\"{Pick(Words)}\", \"{Pick(Words)}\"]",
                1 => $"{path} is not set",
                _ => $"{path} = \"{Pick(Words)}\"",
            },
        };
    }

    private string Parameters(TemplateDefinition template)
    {
        var parameters = template.Parameters.Where(_ => Chance(0.7))
            .Select(p => p == "offer" ? $"{_random.Next(1, 5) * 5}% offer" : $"{p} = \"{Pick(Words)}\"")
            .ToList();
        return parameters.Count == 0 ? "" : " with " + string.Join(" and ", parameters);
    }

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
