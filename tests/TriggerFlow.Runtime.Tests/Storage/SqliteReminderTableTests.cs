using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TriggerFlow.Runtime.Storage.Sqlite;

namespace TriggerFlow.Runtime.Tests.Storage;

/// <summary>The reminder table contract against a real SQLite file.</summary>
public sealed class SqliteReminderTableTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 7, 1, 9, 0, 0, DateTimeKind.Utc);
    private readonly TempStore _store = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task An_upserted_reminder_reads_back_by_grain_and_by_name_after_reopening()
    {
        var etag = await _store.Reminders.UpsertRow(Entry("c-1", "wake-up"));
        await _store.ReopenAsync();

        var row = await _store.Reminders.ReadRow(Grain("c-1"), "wake-up");
        var rows = await _store.Reminders.ReadRows(Grain("c-1"));

        Assert.NotNull(row);
        Assert.Equal((Grain("c-1"), "wake-up", Start, TimeSpan.FromMinutes(1), etag), (row.GrainId, row.ReminderName, row.StartAt, row.Period, row.ETag));
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(etag, Assert.Single(rows.Reminders).ETag);
    }

    [Fact]
    public async Task Upserting_again_replaces_the_row_with_a_new_etag()
    {
        var first = await _store.Reminders.UpsertRow(Entry("c-1", "wake-up"));
        var second = await _store.Reminders.UpsertRow(Entry("c-1", "wake-up", period: TimeSpan.FromHours(1)));

        var row = Assert.Single((await _store.Reminders.ReadRows(Grain("c-1"))).Reminders);
        Assert.NotEqual(first, second);
        Assert.Equal((second, TimeSpan.FromHours(1)), (row.ETag, row.Period));
    }

    [Fact]
    public async Task Reading_a_grain_returns_only_its_reminders()
    {
        await _store.Reminders.UpsertRow(Entry("c-1", "a"));
        await _store.Reminders.UpsertRow(Entry("c-1", "b"));
        await _store.Reminders.UpsertRow(Entry("c-2", "a"));

        var rows = await _store.Reminders.ReadRows(Grain("c-1"));

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.Null(await _store.Reminders.ReadRow(Grain("c-3"), "a"));
    }

    [Fact]
    public async Task Range_reads_return_hashes_in_begin_exclusive_end_inclusive_and_wrap_around()
    {
        var grains = Enumerable.Range(0, 300).Select(i => Grain($"c-{i}")).ToArray();
        foreach (var grain in grains)
        {
            await _store.Reminders.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = Start, Period = TimeSpan.FromMinutes(1) });
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        var (low, high) = (hashes[50], hashes[200]);
        (uint Begin, uint End, Func<uint, bool> Expected)[] cases =
        [
            (low, high, h => h > low && h <= high),
            (high, low, h => h > high || h <= low),
            (low, low, _ => true),
            (0, uint.MaxValue, h => h > 0),
        ];

        foreach (var (begin, end, expected) in cases)
        {
            var rows = await _store.Reminders.ReadRows(begin, end);
            Assert.Equal(hashes.Where(expected), rows.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());
        }
    }

    [Fact]
    public async Task A_reminder_is_removed_only_with_its_current_etag()
    {
        var stale = await _store.Reminders.UpsertRow(Entry("c-1", "wake-up"));
        var current = await _store.Reminders.UpsertRow(Entry("c-1", "wake-up"));

        Assert.False(await _store.Reminders.RemoveRow(Grain("c-1"), "wake-up", stale!));
        Assert.NotNull(await _store.Reminders.ReadRow(Grain("c-1"), "wake-up"));
        Assert.True(await _store.Reminders.RemoveRow(Grain("c-1"), "wake-up", current!));
        Assert.Null(await _store.Reminders.ReadRow(Grain("c-1"), "wake-up"));
        Assert.False(await _store.Reminders.RemoveRow(Grain("c-1"), "wake-up", current!));
    }

    [Fact]
    public async Task Clearing_the_table_removes_every_reminder()
    {
        await _store.Reminders.UpsertRow(Entry("c-1", "a"));
        await _store.Reminders.UpsertRow(Entry("c-2", "a"));

        await _store.Reminders.TestOnlyClearTable();

        Assert.Empty((await _store.Reminders.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public async Task The_silos_table_reads_a_range_only_up_to_the_reminder_services_horizon_and_a_grain_in_full()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(Start));
        var options = new ReminderOptions { ReminderLoadingWindow = TimeSpan.FromMinutes(10), RefreshReminderListPeriod = TimeSpan.FromMinutes(5) };
        var table = new SqliteReminderTable(_store.Database, Options.Create(options), time);
        await table.UpsertRow(Entry("past", "wake-up", startAt: Start - TimeSpan.FromDays(1)));
        await table.UpsertRow(Entry("soon", "wake-up", startAt: Start + TimeSpan.FromMinutes(14)));
        await table.UpsertRow(Entry("later", "wake-up", startAt: Start + TimeSpan.FromMinutes(16)));
        await table.UpsertRow(Entry("later", "other", startAt: Start + TimeSpan.FromHours(5)));

        // Within the loading window (10 min) plus one refresh period (5 min): what the service would load.
        Assert.Equal(["past", "soon"], Customers(await table.ReadRows(0, 0)));
        Assert.Equal(2, (await table.ReadRows(Grain("later"))).Reminders.Count);
        Assert.NotNull(await table.ReadRow(Grain("later"), "other"));

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(["later", "past", "soon"], Customers(await table.ReadRows(0, 0)));

        // The contract's table, built without the service's options, reads every row.
        Assert.Equal(["later", "later", "past", "soon"], Customers(await _store.Reminders.ReadRows(0, 0)));
    }

    [Fact]
    public async Task The_horizon_applies_to_wrapped_ranges_too()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(Start));
        var table = new SqliteReminderTable(_store.Database, Options.Create(new ReminderOptions()), time);
        var grains = Enumerable.Range(0, 100).Select(i => $"c-{i}").ToArray();
        foreach (var (customer, i) in grains.Select((c, i) => (c, i)))
        {
            await table.UpsertRow(Entry(customer, "r", startAt: Start + TimeSpan.FromHours(i % 2)));
        }

        var hashes = grains.Select(c => Grain(c).GetUniformHashCode()).Order().ToArray();
        var (begin, end) = (hashes[70], hashes[30]);
        var rows = await table.ReadRows(begin, end);

        var expected = grains.Where((c, i) => i % 2 == 0 && Grain(c).GetUniformHashCode() is var h && (h > begin || h <= end)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Customers(rows));
    }

    private static string[] Customers(ReminderTableData rows) => [.. rows.Reminders.Select(r => r.GrainId.Key.ToString()!).Order(StringComparer.Ordinal)];

    private static ReminderEntry Entry(string customer, string name, TimeSpan? period = null, DateTime? startAt = null) =>
        new() { GrainId = Grain(customer), ReminderName = name, StartAt = startAt ?? Start, Period = period ?? TimeSpan.FromMinutes(1) };

    private static GrainId Grain(string customer) => GrainId.Create("customer", customer);
}
