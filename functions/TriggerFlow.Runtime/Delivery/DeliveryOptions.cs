using System.ComponentModel.DataAnnotations;

namespace TriggerFlow.Runtime.Delivery;

/// <summary>How outbox messages are delivered, bound from <c>TriggerFlow:Delivery</c>. Validated at start-up.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "TriggerFlow:Delivery";

    /// <summary>Retries after a failed attempt, per message and dispatch (1–20). Default 3.</summary>
    [Range(1, 20)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay in milliseconds; later ones back off exponentially with jitter. Default 500.</summary>
    [Range(1, 600_000)]
    public int RetryDelayMilliseconds { get; set; } = 500;

    /// <summary>How long one attempt may take, in seconds. Default 30.</summary>
    [Range(1, 600)]
    public int AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>Messages delivered at once across all customers. Default 16.</summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 16;

    /// <summary>How long a delivered key is remembered by the ledger, in days. Default 30.</summary>
    [Range(1, 3650)]
    public int LedgerRetentionDays { get; set; } = 30;
}
