using Microsoft.Data.Sqlite;

namespace TriggerFlow.Runtime.Storage.Sqlite;

/// <summary>
/// Orleans reminders in the embedded SQLite file. Each row carries its grain's uniform hash so a
/// silo reads only its own ring range; an upsert replaces the row and gives it a new ETag, and a
/// remove succeeds only with the row's current ETag, as Orleans' other reminder tables do.
/// </summary>
internal sealed class SqliteReminderTable(SqliteDatabase database) : IReminderTable
{
    private const string Columns = "grain_id, name, start_at_ticks, period_ticks, etag";

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(Query($"SELECT {Columns} FROM reminders WHERE grain_id = $grain", ("$grain", grainId.ToString())));

    /// <summary>Rows whose hash is in (begin, end]; when begin ≥ end the range wraps around the ring.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var condition = begin < end ? "grain_hash > $begin AND grain_hash <= $end" : "grain_hash > $begin OR grain_hash <= $end";
        return Task.FromResult(Query($"SELECT {Columns} FROM reminders WHERE {condition}", ("$begin", (long)begin), ("$end", (long)end)));
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
