using TriggerFlow.Input;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Runtime.Ingestion.Validation;

/// <summary>
/// The active catalog as one request sees it (a deploy during the request does not change it
/// halfway), as the shared input mapping (<see cref="InputMapping"/>) takes it: the host's
/// configured event aliases first, then the catalog's own names and aliases.
/// </summary>
internal sealed class InputCatalog
{
    private readonly EventCatalog _catalog;
    private readonly IngestionOptions _options;

    public InputCatalog(EventCatalog catalog, IngestionOptions options)
    {
        _catalog = catalog;
        _options = options;
        Mapping = new InputMapping(catalog, Resolve)
        {
            PageEvent = options.PageEvent,
            MaxIdLength = options.MaxIdLength,
            MaxJsonDepth = options.MaxJsonDepth,
            FutureTolerance = NodaTime.Duration.FromSeconds(options.FutureToleranceSeconds),
        };
    }

    public InputMapping Mapping { get; }

    /// <summary>The catalog event a posted name refers to: a configured alias, else the catalog's name or alias (<see cref="EventCatalog.FindEvent"/>).</summary>
    public EventDefinition? Resolve(string posted)
    {
        var name = _options.EventAliases.FirstOrDefault(a => a.Key.Equals(posted, StringComparison.OrdinalIgnoreCase)).Value ?? posted;
        return _catalog.FindEvent(name);
    }
}
