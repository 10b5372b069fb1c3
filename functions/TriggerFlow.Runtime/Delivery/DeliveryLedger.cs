using Microsoft.Data.Sqlite;

namespace TriggerFlow.Runtime.Delivery;

/// <summary>
/// The idempotency keys already handed to a provider, in <c>&lt;DataDir&gt;/delivery-ledger.db</c>
/// (SQLite, WAL, fully synchronous: a recorded key survives power loss). The dispatcher records a
/// key after the provider accepted the message and before it tells the customer's grain to drop it
/// from the outbox, so a re-dispatch of an entry whose acknowledgement was lost finds the key and
/// does not send again. Keys are forgotten after the retention period, long after their outbox
/// entries are gone.
/// </summary>
internal sealed class DeliveryLedger : IDisposable
{
    private const string FileName = "delivery-ledger.db";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteConnection _connection;

    public DeliveryLedger(string dataDir, TimeProvider time, TimeSpan retention)
    {
        Directory.CreateDirectory(dataDir);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDir, FileName), Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
        Execute("CREATE TABLE IF NOT EXISTS delivered (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;");
        Execute("DELETE FROM delivered WHERE at < $before;", ("$before", (time.GetUtcNow() - retention).ToUnixTimeMilliseconds()));
    }

    public async Task<bool> ContainsAsync(string key, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            using var command = Command("SELECT 1 FROM delivered WHERE key = $key;", ("$key", key));
            return command.ExecuteScalar() is not null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RecordAsync(string key, DateTimeOffset at, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            Execute("INSERT OR IGNORE INTO delivered (key, at) VALUES ($key, $at);", ("$key", key), ("$at", at.ToUnixTimeMilliseconds()));
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
