using System.Threading.Channels;
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
/// <remarks>
/// Records are group-committed: keys recorded while the previous transaction commits go into the
/// next one together, so one fsync makes a whole batch durable. <see cref="RecordAsync"/> completes
/// only after its key's transaction committed. Reads use pooled connections of their own beside
/// the writer (WAL).
/// </remarks>
internal sealed class DeliveryLedger : IDisposable
{
    private const string FileName = "delivery-ledger.db";
    private const int MaxBatch = 1024;

    private readonly Channel<PendingRecord> _queue = Channel.CreateUnbounded<PendingRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _writer;
    private readonly string _readers;
    private readonly Task _loop;

    public DeliveryLedger(string dataDir, TimeProvider time, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(dataDir);
        var file = Path.Combine(dataDir, FileName);
        _writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
        Execute(_writer, "CREATE TABLE IF NOT EXISTS delivered (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;");
        Execute(_writer, "DELETE FROM delivered WHERE at < $before;", ("$before", (time.GetUtcNow() - retention).ToUnixTimeMilliseconds()));
        _readers = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
        _loop = Task.Run(WriteAsync);
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
        var pending = new PendingRecord(key, at.ToUnixTimeMilliseconds());
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(DeliveryLedger), "the delivery ledger is shut down");
        }

        return pending.Completion.Task;
    }

    /// <summary>Commits what is queued, then closes the file.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
        _writer.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_readers));
    }

    private async Task WriteAsync()
    {
        var batch = new List<PendingRecord>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<PendingRecord> batch)
    {
        try
        {
            using var transaction = _writer.BeginTransaction();
            using var command = Command(_writer, "INSERT OR IGNORE INTO delivered (key, at) VALUES ($key, $at);", ("$key", ""), ("$at", 0L));
            command.Transaction = transaction;
            foreach (var record in batch)
            {
                command.Parameters["$key"].Value = record.Key;
                command.Parameters["$at"].Value = record.At;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
#pragma warning disable CA1031 // The failure belongs to the records of this batch; the loop must survive it to serve the next one.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            batch.ForEach(record => record.Completion.TrySetException(failure));
            return;
        }

        batch.ForEach(record => record.Completion.TrySetResult());
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

    private sealed record PendingRecord(string Key, long At)
    {
        // Continuations run on the pool, not on the writer loop, which must get back to committing.
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
