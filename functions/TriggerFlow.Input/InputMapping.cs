using NodaTime;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Input;

/// <summary>
/// What a mapping of source calls needs besides the call: the catalog, how a posted event name
/// finds its catalog event, and the limits. A host makes one per request (a deploy during the
/// request does not change it halfway); the backtest one per file.
/// </summary>
public sealed class InputMapping
{
    /// <param name="catalog">The active catalog: events, their properties and aliases, traits, channels.</param>
    /// <param name="resolveEvent">
    /// The catalog event a posted name means; by default <see cref="EventCatalog.FindEvent"/>
    /// (the exact name, an alias, the name ignoring case). A backtest's <c>--event-map</c> renames first.
    /// </param>
    public InputMapping(EventCatalog catalog, Func<string, EventDefinition?>? resolveEvent = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        ResolveEvent = resolveEvent ?? catalog.FindEvent;
    }

    public EventCatalog Catalog { get; }

    public Func<string, EventDefinition?> ResolveEvent { get; }

    /// <summary>
    /// The catalog event a Segment <c>page</c> call becomes. Default <c>browsed category</c>. Pages are
    /// left out (and counted) when it is null or the catalog lacks it.
    /// </summary>
    public string? PageEvent { get; init; } = "browsed category";

    /// <summary>The default of <see cref="MaxIdLength"/>.</summary>
    public const int DefaultMaxIdLength = 256;

    /// <summary>Longest customer id, message id or event name, in characters. Default 256.</summary>
    public int MaxIdLength { get; init; } = DefaultMaxIdLength;

    /// <summary>The default of <see cref="FutureTolerance"/>: 10 minutes.</summary>
    public static readonly Duration DefaultFutureTolerance = Duration.FromMinutes(10);

    /// <summary>
    /// How far past its arrival an event time may lie (after Segment's clock-skew correction) before it
    /// is taken as a wrong device clock: set to the arrival time and counted (<see cref="IgnoredPart.Time"/>).
    /// Default 10 minutes.
    /// </summary>
    public Duration FutureTolerance { get; init; } = DefaultFutureTolerance;

    /// <summary>Deepest JSON nesting read inside a call (CloudEvents' <c>data_base64</c>). Default 32.</summary>
    public int MaxJsonDepth { get; init; } = 32;
}
