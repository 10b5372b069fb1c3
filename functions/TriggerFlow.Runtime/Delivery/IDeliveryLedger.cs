namespace TriggerFlow.Runtime.Delivery;

/// <summary>
/// The idempotency keys already handed to a provider. The dispatcher records a key after the provider
/// accepted the message and before it tells the customer's grain to drop it from the outbox, so a
/// re-dispatch of an entry whose acknowledgement was lost finds the key and does not send again.
/// One silo keeps it in SQLite beside its state (<see cref="DeliveryLedger"/>); a Redis cluster keeps
/// it in Redis (<see cref="RedisDeliveryLedger"/>), where every silo sees every key, so a customer whose
/// grain moves to another silo after a send is not sent the message twice.
/// </summary>
internal interface IDeliveryLedger
{
    /// <summary>Whether the key has been recorded (and not yet forgotten after the retention period).</summary>
    Task<bool> ContainsAsync(string key, CancellationToken ct);

    /// <summary>Records the key; completes once the record is durable as the store makes it.</summary>
    Task RecordAsync(string key, DateTimeOffset at, CancellationToken ct);
}
