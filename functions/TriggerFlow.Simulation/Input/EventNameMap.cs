using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Simulation.Input;

/// <summary>
/// Renames a data set's event names to the catalog's (<c>--event-map view=viewed product</c>),
/// then finds the catalog event as every source's mapping does (<see cref="EventCatalog.FindEvent"/>:
/// the name, an alias, or the name ignoring case, so <c>Purchase</c> meets <c>purchase</c>). Safe to
/// use from several threads at once: an events file is parsed on every core.
/// </summary>
public sealed class EventNameMap
{
    private readonly Dictionary<string, string> _renames;
    private readonly ConcurrentDictionary<string, EventDefinition?> _resolved = new(StringComparer.Ordinal);

    private EventNameMap(Dictionary<string, string> renames) => _renames = renames;

    /// <summary>No renames.</summary>
    public static EventNameMap Identity => new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>
    /// Parses <c>from=to</c> pairs, comma-separated (options may be repeated); every target must be a catalog event.
    /// </summary>
    public static bool TryParse(IEnumerable<string> specs, EventCatalog catalog, [NotNullWhen(true)] out EventNameMap? map, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        map = null;
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (from, to) in MapSpec.Pairs(specs, "--event-map", out error))
        {
            if (Find(catalog, to) is not { } target)
            {
                error = $"--event-map {from}={to}: `{to}` is not an event in the catalog (events: {string.Join(", ", catalog.Events.Keys.Order(StringComparer.Ordinal))})";
                return false;
            }

            renames[from] = target.Name;
        }

        if (error is not null)
        {
            return false;
        }

        map = new EventNameMap(renames);
        return true;
    }

    /// <summary>The catalog event <paramref name="name"/> stands for, or null (remembered, so each name is looked up once).</summary>
    public EventDefinition? Resolve(string name, EventCatalog catalog) =>
        _resolved.TryGetValue(name, out var definition)
            ? definition
            : _resolved.GetOrAdd(name, Find(catalog, _renames.GetValueOrDefault(name, name)));

    /// <summary>The name after renaming, for reports of unknown events.</summary>
    public string Renamed(string name) => _renames.GetValueOrDefault(name, name);

    internal static EventDefinition? Find(EventCatalog catalog, string name) => catalog.FindEvent(name);
}
