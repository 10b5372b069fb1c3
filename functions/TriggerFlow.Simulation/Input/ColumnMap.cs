using System.Diagnostics.CodeAnalysis;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Simulation.Input;

/// <summary>
/// Which CSV column holds what (<c>--map timestamp=ts,customer=visitorid,event=event,product=itemid</c>).
/// Targets are <see cref="Timestamp"/>, <see cref="Customer"/>, <see cref="Event"/>, <see cref="Message"/>,
/// <see cref="Arrival"/> or any property of a catalog event. A target that is not mapped is read from
/// the column of the same name, when there is one.
/// </summary>
public sealed class ColumnMap
{
    public const string Timestamp = "timestamp";
    public const string Customer = "customer";
    public const string Event = "event";

    /// <summary>Optional: the message id, for dedupe; without it each record is its own message.</summary>
    public const string Message = "message";

    /// <summary>Optional: when the record arrived; without it, arrival is the timestamp.</summary>
    public const string Arrival = "arrival";

    private static readonly string[] Fixed = [Timestamp, Customer, Event, Message, Arrival];

    private ColumnMap(IReadOnlyDictionary<string, string> targets) => Targets = targets;

    public static ColumnMap Default { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Target → column, as given.</summary>
    public IReadOnlyDictionary<string, string> Targets { get; }

    public static bool TryParse(IEnumerable<string> specs, EventCatalog catalog, [NotNullWhen(true)] out ColumnMap? map, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        map = null;
        var properties = PropertyNames(catalog);
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (target, column) in MapSpec.Pairs(specs, "--map", out error))
        {
            if (!Fixed.Contains(target) && !properties.Contains(target))
            {
                error = $"--map {target}={column}: `{target}` is not one of {string.Join(", ", Fixed)} or a property of a catalog event";
                return false;
            }

            if (targets.TryGetValue(target, out var earlier))
            {
                error = $"--map {target}={column}: `{target}` is already mapped to column `{earlier}`";
                return false;
            }

            targets[target] = column;
        }

        if (error is not null)
        {
            return false;
        }

        map = new ColumnMap(targets);
        return true;
    }

    /// <summary>Every property name of every catalog event: the columns that may become properties.</summary>
    internal static HashSet<string> PropertyNames(EventCatalog catalog) =>
        catalog.Events.Values.SelectMany(e => e.Properties.Keys).ToHashSet(StringComparer.Ordinal);

    internal static IReadOnlyList<string> FixedTargets => Fixed;
}
