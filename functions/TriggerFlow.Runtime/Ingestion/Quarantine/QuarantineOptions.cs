using System.ComponentModel.DataAnnotations;

namespace TriggerFlow.Runtime.Ingestion.Quarantine;

/// <summary>
/// The bounds of the quarantine of unusable items, bound from <c>TriggerFlow:Ingestion:Quarantine</c>
/// (<c>TriggerFlow__Ingestion__Quarantine__MaxItems</c>, …) and validated at start-up. Beyond them an
/// unusable item is still answered (status <c>rejected</c>, with the reason) and counted as dropped,
/// so a hostile or broken source cannot grow the store without bound.
/// </summary>
public sealed class QuarantineOptions : IValidatableObject
{
    public const string Section = "TriggerFlow:Ingestion:Quarantine";

    /// <summary>Most items kept at once. Default 10,000.</summary>
    [Range(1, 10_000_000)]
    public int MaxItems { get; set; } = 10_000;

    /// <summary>Most bytes of posted JSON kept at once, all items together. Default 64 MiB.</summary>
    [Range(1024, 16L * 1024 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Largest single item kept, in bytes of its posted JSON. Default 64 KiB: Segment's libraries
    /// refuse calls over 32 KB, so every call they send fits; a larger item is dropped, not kept.
    /// </summary>
    [Range(256, 64 * 1024 * 1024)]
    public int MaxItemBytes { get; set; } = 64 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxItemBytes > MaxBytes)
        {
            yield return new ValidationResult(
                $"MaxItemBytes ({MaxItemBytes:N0}) is larger than MaxBytes ({MaxBytes:N0}): no such item could ever be kept; lower MaxItemBytes or raise MaxBytes",
                [nameof(MaxItemBytes), nameof(MaxBytes)]);
        }
    }
}
