using System.ComponentModel.DataAnnotations;

namespace TriggerFlow.Runtime.Ingestion.Statistics;

/// <summary>
/// Settings of the ingestion statistics, bound from <c>TriggerFlow:Ingestion:Statistics</c>
/// (<c>TriggerFlow__Ingestion__Statistics__MaxNames</c>) and validated at start-up.
/// </summary>
public sealed class StatisticsOptions
{
    public const string Section = "TriggerFlow:Ingestion:Statistics";

    /// <summary>
    /// Most distinct names kept per source and per list (ignored events, ignored traits, quarantine
    /// reasons, …). Default 1,000; the least counted names beyond it are summed as <c>other</c>, so
    /// a source sending endless new names cannot grow memory.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxNames { get; set; } = 1_000;
}
