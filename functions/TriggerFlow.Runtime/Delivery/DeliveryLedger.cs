using Microsoft.Data.Sqlite;
using TriggerFlow.Runtime.Storage.Sqlite;

namespace TriggerFlow.Runtime.Delivery;

/// <summary>
/// The delivery ledger of a single silo (<see cref="IDeliveryLedger"/>), in
/// <c>&lt;DataDir&gt;/delivery-ledger.db</c> (SQLite, WAL, fully synchronous: a recorded key survives
/// power loss). Keys are forgotten after the retention period, long after their outbox entries are gone.
/// </summary>
/// <remarks>
/// Records are group-committed by the same <see cref="GroupCommitWriter"/> as grain state: keys
/// recorded while the previous transaction commits go into the next one together, so one fsync
/// makes a whole batch durable. <see cref="RecordAsync"/> completes only after its key's
/// transaction committed. Reads use pooled connections of their own beside the writer (WAL).
/// </remarks>
internal sealed class DeliveryLedger : IDeliveryLedger, IDisposable
{
    private const string FileName = "delivery-ledger.db";
    private const int MaxBatch = 1024;

    private readonly SqliteConnection _connection;
    private readonly GroupCommitWriter _writer;
    private readonly string _readers;

    public DeliveryLedger(string dataDir, TimeProvider time, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(dataDir);
        var file = Path.Combine(dataDir, FileName);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        _connection.Open();
        Execute(_connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
        Execute(_connection, "CREATE TABLE IF NOT EXISTS delivered (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;");
        Execute(_connection, "DELETE FROM delivered WHERE at < $before;", ("$before", (time.GetUtcNow() - retention).ToUnixTimeMilliseconds()));
        _readers = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
        _writer = new GroupCommitWriter(_connection, MaxBatch);
    }

    public Task<bool> ContainsAsync(string key, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = new SqliteConnection(_readers);
        connection.Open();
        using var command = Command(connection, "SELECT 1 FROM delivered WHERE key = $key;", ("$key", key));
        return Task.FromResult(command.ExecuteScalar() is not null);
    }

    /// <summary>Completes once the key is durable (its batch committed); a failed commit fails every record of the batch.</summary>
    public Task RecordAsync(string key, DateTimeOffset at, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var millisecond = at.ToUnixTimeMilliseconds();
        return _writer.Enqueue(transaction =>
        {
            using var command = Command(_connection, "INSERT OR IGNORE INTO delivered (key, at) VALUES ($key, $at);", ("$key", key), ("$at", millisecond));
            command.Transaction = transaction;
            return command.ExecuteNonQuery();
        });
    }

    /// <summary>Commits what is queued, then closes the file.</summary>
    public void Dispose()
    {
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearPool(new SqliteConnection(_readers));
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
