using Microsoft.Extensions.Time.Testing;
using TriggerFlow.Runtime.Delivery;

namespace TriggerFlow.Runtime.Tests.Delivery;

/// <summary>The delivery ledger against a real SQLite file: group-committed records are durable and found again.</summary>
public sealed class DeliveryLedgerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "triggerflow-ledger-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Keys_recorded_concurrently_are_all_found_after_the_ledger_is_reopened()
    {
        var time = new FakeTimeProvider(Start);
        var keys = Enumerable.Range(0, 2_000).Select(i => $"key-{i}").ToArray();
        using (var ledger = new DeliveryLedger(_dataDir, time, Retention))
        {
            await Task.WhenAll(keys.Select(key => Task.Run(() => ledger.RecordAsync(key, Start, CancellationToken.None))));
            Assert.True(await ledger.ContainsAsync("key-1999", CancellationToken.None));
        }

        using var reopened = new DeliveryLedger(_dataDir, time, Retention);
        foreach (var key in keys)
        {
            Assert.True(await reopened.ContainsAsync(key, CancellationToken.None), key);
        }

        Assert.False(await reopened.ContainsAsync("key-2000", CancellationToken.None));
    }

    [Fact]
    public async Task Recording_a_key_twice_keeps_one_row_and_completes_both_records()
    {
        var time = new FakeTimeProvider(Start);
        using var ledger = new DeliveryLedger(_dataDir, time, Retention);

        await Task.WhenAll(ledger.RecordAsync("same", Start, CancellationToken.None), ledger.RecordAsync("same", Start, CancellationToken.None));
        await ledger.RecordAsync("same", Start + TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.True(await ledger.ContainsAsync("same", CancellationToken.None));
    }

    [Fact]
    public async Task Keys_older_than_the_retention_are_forgotten_when_the_ledger_opens()
    {
        var time = new FakeTimeProvider(Start);
        using (var ledger = new DeliveryLedger(_dataDir, time, Retention))
        {
            await ledger.RecordAsync("old", Start, CancellationToken.None);
            await ledger.RecordAsync("recent", Start + TimeSpan.FromDays(20), CancellationToken.None);
        }

        time.Advance(TimeSpan.FromDays(31));
        using var reopened = new DeliveryLedger(_dataDir, time, Retention);

        Assert.False(await reopened.ContainsAsync("old", CancellationToken.None));
        Assert.True(await reopened.ContainsAsync("recent", CancellationToken.None));
    }

    [Fact]
    public async Task A_record_after_the_ledger_is_closed_is_refused_and_queued_records_are_committed_first()
    {
        var time = new FakeTimeProvider(Start);
        var ledger = new DeliveryLedger(_dataDir, time, Retention);
        var queued = Enumerable.Range(0, 100).Select(i => ledger.RecordAsync($"q-{i}", Start, CancellationToken.None)).ToArray();
        ledger.Dispose();

        await Task.WhenAll(queued);
        Assert.Throws<ObjectDisposedException>(() => { _ = ledger.RecordAsync("late", Start, CancellationToken.None); });
        using var reopened = new DeliveryLedger(_dataDir, time, Retention);
        Assert.True(await reopened.ContainsAsync("q-99", CancellationToken.None));
    }
}
