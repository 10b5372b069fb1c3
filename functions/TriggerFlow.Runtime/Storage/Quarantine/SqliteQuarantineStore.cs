using System.Text.Json;
using Microsoft.Data.Sqlite;
using TriggerFlow.Runtime.Ingestion.Quarantine;
using TriggerFlow.Runtime.Storage.Sqlite;

namespace TriggerFlow.Runtime.Storage.Quarantine;

/// <summary>
/// The quarantine of one silo: a table in the embedded <c>triggerflow.db</c>, written through its
/// group-commit writer, so quarantined items share the fsync of the grain writes beside them and
/// are on disk (synchronous=FULL) before the request that posted them is answered. The limits are
/// checked inside the writer's transaction, where no other write interleaves.
/// </summary>
internal sealed class SqliteQuarantineStore : IQuarantineStore
{
    private const string Columns = "seq, id, source, format, call, received_ticks, message_id, event, errors, size";

    private readonly SqliteDatabase _database;

    public SqliteQuarantineStore(SqliteDatabase database)
    {
        _database = database;
        using var connection = database.OpenConnection();
        using var create = connection.Command("""
            CREATE TABLE IF NOT EXISTS ingestion_quarantine (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                source TEXT NOT NULL,
                format TEXT NOT NULL,
                call TEXT,
                received_ticks INTEGER NOT NULL,
                message_id TEXT NOT NULL,
                event TEXT,
                errors TEXT NOT NULL,
                size INTEGER NOT NULL,
                raw TEXT NOT NULL
            );
            """);
        create.ExecuteNonQuery();
    }

    public Task<IReadOnlyList<KeepResult>> KeepAsync(IReadOnlyList<QuarantineEntry> entries, QuarantineLimits limits) =>
        _database.Writer.Enqueue<IReadOnlyList<KeepResult>>(transaction =>
        {
            var (items, bytes) = Size(transaction);
            var results = new KeepResult[entries.Count];
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                if (transaction.Scalar("SELECT 1 FROM ingestion_quarantine WHERE id = $id", ("$id", entry.Id)) is not null)
                {
                    results[i] = KeepResult.AlreadyKept;
                }
                else if (items + 1 > limits.MaxItems || bytes + entry.Size > limits.MaxBytes)
                {
                    results[i] = KeepResult.Full;
                }
                else
                {
                    Insert(transaction, entry);
                    items++;
                    bytes += entry.Size;
                    results[i] = KeepResult.Kept;
                }
            }

            return results;
        });

    public Task<IReadOnlyList<QuarantineEntry>> ReadAsync(long after, int count, bool withRaw) =>
        Task.FromResult<IReadOnlyList<QuarantineEntry>>(Query(
            $"SELECT {Columns}{(withRaw ? ", raw" : "")} FROM ingestion_quarantine WHERE seq > $after ORDER BY seq LIMIT $count",
            ("$after", after), ("$count", count)));

    public Task<IReadOnlyList<QuarantineEntry>> FindAsync(IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<QuarantineEntry>>([]);
        }

        // SQLite's json_each binds the whole list as one parameter, whatever its length.
        return Task.FromResult<IReadOnlyList<QuarantineEntry>>(Query(
            $"SELECT {Columns}, raw FROM ingestion_quarantine WHERE id IN (SELECT value FROM json_each($ids)) ORDER BY seq",
            ("$ids", JsonSerializer.Serialize(ids))));
    }

    public Task<int> RemoveAsync(IReadOnlyCollection<string> ids) =>
        ids.Count == 0
            ? Task.FromResult(0)
            : _database.Writer.Enqueue(transaction => transaction.Execute(
                "DELETE FROM ingestion_quarantine WHERE id IN (SELECT value FROM json_each($ids))",
                ("$ids", JsonSerializer.Serialize(ids))));

    public Task<int> ClearAsync() => _database.Writer.Enqueue(transaction => transaction.Execute("DELETE FROM ingestion_quarantine"));

    public Task<QuarantineSize> SizeAsync()
    {
        using var connection = _database.OpenConnection();
        using var command = connection.Command("SELECT count(*), total(size) FROM ingestion_quarantine");
        using var reader = command.ExecuteReader();
        reader.Read();
        return Task.FromResult(new QuarantineSize(reader.GetInt32(0), (long)reader.GetDouble(1)));
    }

    private static (int Items, long Bytes) Size(SqliteTransaction transaction)
    {
        using var reader = transaction.Reused("SELECT count(*), total(size) FROM ingestion_quarantine").ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), (long)reader.GetDouble(1));
    }

    private static void Insert(SqliteTransaction transaction, QuarantineEntry entry) =>
        transaction.Execute(
            """
            INSERT INTO ingestion_quarantine (id, source, format, call, received_ticks, message_id, event, errors, size, raw)
            VALUES ($id, $source, $format, $call, $received, $message, $event, $errors, $size, $raw)
            """,
            ("$id", entry.Id), ("$source", entry.Source), ("$format", QuarantineEntry.FormatName(entry.Format)), ("$call", entry.Call),
            ("$received", entry.ReceivedAt.UtcTicks), ("$message", entry.MessageId), ("$event", entry.Event),
            ("$errors", QuarantineJson.Errors(entry.Errors)), ("$size", entry.Size), ("$raw", entry.RawJson));

    private List<QuarantineEntry> Query(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = _database.OpenConnection();
        using var command = connection.Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var entries = new List<QuarantineEntry>();
        while (reader.Read())
        {
            entries.Add(new QuarantineEntry(
                reader.GetString(1),
                reader.GetInt64(0),
                reader.GetString(2),
                QuarantineEntry.ParseFormat(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                QuarantineJson.Errors(reader.GetString(8)),
                reader.GetInt32(9),
                reader.FieldCount > 10 ? reader.GetString(10) : null));
        }

        return entries;
    }
}
