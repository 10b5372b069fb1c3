using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Reminders;

namespace TriggerFlow.Runtime.Storage.Sqlite;

/// <summary>
/// Orleans reminders in the embedded SQLite file. Each row carries its grain's uniform hash so a
/// silo reads only its own ring range; an upsert replaces the row and gives it a new ETag, and a
/// remove succeeds only with the row's current ETag, as Orleans' other reminder tables do. Writes
/// go through the database's group-commit writer, so reminders registered together share one commit.
/// </summary>
/// <remarks>
/// The reminder service re-reads its whole ring range every refresh period but keeps in memory only
/// the reminders whose next tick falls within its loading window; the others it drops again. With a
/// million customers waiting, handing it every row every five minutes costs a million entries of
/// garbage per refresh. Built by the silo (with the reminder options and clock), a range read
/// therefore returns only rows that start no later than a horizon: now + the loading window + one
/// refresh period. A row left out is one the service would not keep (its first tick lies beyond the
/// window), so it sees exactly the reminders it would schedule; every row stays in the table and is
/// returned once its start comes within the horizon. Reads by grain return every row.
/// </remarks>
internal sealed class SqliteReminderTable : IReminderTable
{
    private const string Columns = "grain_id, name, start_at_ticks, period_ticks, etag";

    private readonly SqliteDatabase database;
    private readonly TimeProvider? _time;
    private readonly TimeSpan _horizon;

    /// <summary>A table whose range reads return every row in the range (the contract as Orleans' other tables keep it).</summary>
    public SqliteReminderTable(SqliteDatabase database)
    {
        this.database = database;
    }

    /// <summary>The silo's table: range reads stop at the reminder service's horizon (see remarks).</summary>
    public SqliteReminderTable(SqliteDatabase database, IOptions<ReminderOptions> options, [FromKeyedServices(ReminderTimeProviderNames.Reminders)] TimeProvider time)
        : this(database)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _horizon = options.Value.ReminderLoadingWindow + options.Value.RefreshReminderListPeriod;
        using var connection = database.OpenConnection();
        using var index = connection.Command("CREATE INDEX IF NOT EXISTS reminders_by_start ON reminders (start_at_ticks)");
        index.ExecuteNonQuery();
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(Query($"SELECT {Columns} FROM reminders WHERE grain_id = $grain", ("$grain", grainId.ToString())));

    /// <summary>Rows whose hash is in (begin, end]; when begin ≥ end the range wraps around the ring.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var condition = begin < end ? "grain_hash > $begin AND grain_hash <= $end" : "(grain_hash > $begin OR grain_hash <= $end)";
        if (_time is null)
        {
            return Task.FromResult(Query($"SELECT {Columns} FROM reminders WHERE {condition}", ("$begin", (long)begin), ("$end", (long)end)));
        }

        var horizon = _time.GetUtcNow().UtcDateTime.Add(_horizon).Ticks;
        return Task.FromResult(Query(
            $"SELECT {Columns} FROM reminders WHERE start_at_ticks <= $horizon AND {condition}",
            ("$begin", (long)begin), ("$end", (long)end), ("$horizon", horizon)));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Task.FromResult(Query(
            $"SELECT {Columns} FROM reminders WHERE grain_id = $grain AND name = $name",
            ("$grain", grainId.ToString()), ("$name", reminderName)).Reminders.SingleOrDefault());

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = Guid.NewGuid().ToString("N");
        (string, object?)[] row =
        [
            ("$grain", entry.GrainId.ToString()), ("$name", entry.ReminderName), ("$hash", (long)entry.GrainId.GetUniformHashCode()),
            ("$start", Utc(entry.StartAt).Ticks), ("$period", entry.Period.Ticks), ("$etag", etag),
        ];
        await database.Writer.Enqueue(transaction => transaction.Execute(
            """
            INSERT INTO reminders (grain_id, name, grain_hash, start_at_ticks, period_ticks, etag)
            VALUES ($grain, $name, $hash, $start, $period, $etag)
            ON CONFLICT (grain_id, name) DO UPDATE SET
                grain_hash = excluded.grain_hash, start_at_ticks = excluded.start_at_ticks,
                period_ticks = excluded.period_ticks, etag = excluded.etag
            """,
            row)).ConfigureAwait(false);
        return etag;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        var removed = await database.Writer.Enqueue(transaction => transaction.Execute(
            "DELETE FROM reminders WHERE grain_id = $grain AND name = $name AND etag = $etag",
            ("$grain", grainId.ToString()), ("$name", reminderName), ("$etag", eTag))).ConfigureAwait(false);
        return removed == 1;
    }

    public Task TestOnlyClearTable() => database.Writer.Enqueue(transaction => transaction.Execute("DELETE FROM reminders"));

    private ReminderTableData Query(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = database.OpenConnection();
        using var command = connection.Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var entries = new List<ReminderEntry>();
        while (reader.Read())
        {
            entries.Add(Entry(reader));
        }

        return new ReminderTableData(entries);
    }

    private static ReminderEntry Entry(SqliteDataReader reader) => new()
    {
        GrainId = GrainId.Parse(reader.GetString(0)),
        ReminderName = reader.GetString(1),
        StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
        Period = TimeSpan.FromTicks(reader.GetInt64(3)),
        ETag = reader.GetString(4),
    };

    // Orleans computes start times in UTC; a local time would shift by the machine's offset when read back.
    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
