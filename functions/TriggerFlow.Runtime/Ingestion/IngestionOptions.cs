using System.ComponentModel.DataAnnotations;

namespace TriggerFlow.Runtime.Ingestion;

/// <summary>
/// Settings of the ingestion API, bound from <c>TriggerFlow:Ingestion</c> in <c>host.json</c> or the
/// environment (<c>TriggerFlow__Ingestion__MaxBatchItems</c>, …). Sources, keys, the body limit and
/// rate limits are in <see cref="Hosting.TriggerFlowOptions"/>.
/// </summary>
public sealed class IngestionOptions
{
    public const string Section = "TriggerFlow:Ingestion";

    /// <summary>Most items one batch may carry. Default 2,500 (Segment's 500 KB batch holds about that many small events).</summary>
    [Range(1, 100_000)]
    public int MaxBatchItems { get; set; } = 2_500;

    /// <summary>Deepest JSON nesting accepted. Default 32: a Segment payload is about five levels deep.</summary>
    [Range(4, 256)]
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>Longest customer id, message id or event name, in characters. Default 256.</summary>
    [Range(16, 4_096)]
    public int MaxIdLength { get; set; } = 256;

    /// <summary>
    /// How far past its arrival, in seconds, an event time may lie (after Segment's clock-skew
    /// correction) before it is taken as a wrong device clock: it is then set to the arrival time and
    /// counted in the ingestion statistics (kind <c>time</c>), so it can never open a window in the
    /// future. Default 600 (10 minutes).
    /// </summary>
    [Range(0, 86_400)]
    public int FutureToleranceSeconds { get; set; } = 600;

    /// <summary>
    /// The catalog event a Segment <c>page</c> call becomes. Default
    /// <c>browsed category</c>; pages are acknowledged and ignored when the catalog has no such event.
    /// </summary>
    public string PageEvent { get; set; } = "browsed category";

    /// <summary>
    /// Source event names mapped to catalog names, e.g. Segment's <c>Product Viewed</c> to
    /// <c>viewed product</c>. Keys compare without case. Default empty: names must match the catalog
    /// (ignoring case).
    /// </summary>
    public Dictionary<string, string> EventAliases { get; set; } = [];

    /// <summary>Maps <c>POST /v1/noop</c>, which returns 202 without work, to measure the HTTP stack alone. Default false.</summary>
    public bool Benchmark { get; set; }
}
