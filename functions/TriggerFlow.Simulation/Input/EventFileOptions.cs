namespace TriggerFlow.Simulation.Input;

/// <summary>The shape of an events file.</summary>
public enum EventFileFormat
{
    /// <summary>JSON lines in the Segment Tracking API shape (track, identify, page, alias, batch).</summary>
    Segment,

    /// <summary>Comma-separated values with a header row, mapped to events by <see cref="EventFileOptions.Columns"/>.</summary>
    Csv,
}

/// <summary>How to read an events file: its format and how its names meet the catalog's.</summary>
public sealed class EventFileOptions
{
    /// <summary>The catalog event a Segment <c>page</c> call becomes. Default <c>browsed category</c>, the catalog's web-page event.</summary>
    public const string DefaultPageEvent = "browsed category";

    public EventFileFormat Format { get; init; } = EventFileFormat.Segment;

    /// <summary>The file's event names to the catalog's (<c>view</c> → <c>viewed product</c>). Default none.</summary>
    public EventNameMap EventNames { get; init; } = EventNameMap.Identity;

    /// <summary>For CSV: which column holds the timestamp, the customer, the event and each property. Default: same-named columns.</summary>
    public ColumnMap Columns { get; init; } = ColumnMap.Default;

    /// <summary>The catalog event for Segment <c>page</c> calls; null ignores them. Default <see cref="DefaultPageEvent"/>.</summary>
    public string? PageEvent { get; init; } = DefaultPageEvent;
}
