using StackExchange.Redis;
using TriggerFlow.Runtime.Delivery;
using TriggerFlow.Runtime.Tests.Storage;

namespace TriggerFlow.Runtime.Tests.Delivery;

/// <summary>
/// The cluster's delivery ledger against a real local Redis: what one silo records, another silo
/// finds, so a customer whose grain moves after a send is not sent the message again.
/// </summary>
public sealed class RedisDeliveryLedgerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Sent = new(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private readonly string _service = "ledger-" + Guid.NewGuid().ToString("N")[..8];
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task A_key_one_silo_recorded_is_found_by_another_silo()
    {
        using var first = new RedisDeliveryLedger(_redis.ConnectionString, _service, Retention);
        using var second = new RedisDeliveryLedger(_redis.ConnectionString, _service, Retention);

        await first.RecordAsync("key-1", Sent, CancellationToken.None);

        Assert.True(await second.ContainsAsync("key-1", CancellationToken.None));
        Assert.False(await second.ContainsAsync("key-2", CancellationToken.None));
    }

    [Fact]
    public async Task Keys_recorded_concurrently_are_all_found_and_recording_twice_is_harmless()
    {
        var keys = Enumerable.Range(0, 500).Select(i => $"key-{i}").ToArray();
        using (var ledger = new RedisDeliveryLedger(_redis.ConnectionString, _service, Retention))
        {
            await Task.WhenAll(keys.Select(key => ledger.RecordAsync(key, Sent, CancellationToken.None)));
            await ledger.RecordAsync("key-0", Sent.AddMinutes(1), CancellationToken.None);
        }

        using var reopened = new RedisDeliveryLedger(_redis.ConnectionString, _service, Retention);
        foreach (var key in keys)
        {
            Assert.True(await reopened.ContainsAsync(key, CancellationToken.None), key);
        }
    }

    [Fact]
    public async Task A_key_expires_after_the_retention_and_other_services_keys_are_apart()
    {
        using var ledger = new RedisDeliveryLedger(_redis.ConnectionString, _service, Retention);
        using var other = new RedisDeliveryLedger(_redis.ConnectionString, _service + "-other", Retention);

        await ledger.RecordAsync("key-1", Sent, CancellationToken.None);

        using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"triggerflow:{_service}:delivered:key-1");
        Assert.InRange(ttl!.Value, Retention - TimeSpan.FromMinutes(1), Retention);
        Assert.False(await other.ContainsAsync("key-1", CancellationToken.None));
    }
}
