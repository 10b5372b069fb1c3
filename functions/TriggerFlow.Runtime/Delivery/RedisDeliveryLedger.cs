using StackExchange.Redis;

namespace TriggerFlow.Runtime.Delivery;

/// <summary>
/// The delivery ledger of a Redis cluster: one Redis string per delivered key,
/// <c>triggerflow:{serviceId}:delivered:{key}</c>, holding the time it was recorded and expiring after
/// the retention period. Every silo reads and writes the same keys, so whichever silo re-dispatches a
/// customer's outbox after another silo died between sending and acknowledging finds the key. A record
/// is as durable as the Redis deployment makes writes: run Redis with <c>appendonly yes</c> and
/// <c>appendfsync always</c> for the guarantee the SQLite ledger gives (docs/operations.md).
/// </summary>
internal sealed class RedisDeliveryLedger : IDeliveryLedger, IDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly TimeSpan _retention;

    public RedisDeliveryLedger(string connection, string serviceId, TimeSpan retention)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        var options = ConfigurationOptions.Parse(connection);

        // A silo that starts before Redis is reachable keeps trying instead of failing for good.
        options.AbortOnConnectFail = false;
        _redis = ConnectionMultiplexer.Connect(options);
        _prefix = $"triggerflow:{serviceId}:delivered:";
        _retention = retention;
    }

    public Task<bool> ContainsAsync(string key, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return _redis.GetDatabase().KeyExistsAsync(_prefix + key);
    }

    public Task RecordAsync(string key, DateTimeOffset at, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return _redis.GetDatabase().StringSetAsync(_prefix + key, at.ToUnixTimeMilliseconds(), _retention);
    }

    public void Dispose() => _redis.Dispose();
}
