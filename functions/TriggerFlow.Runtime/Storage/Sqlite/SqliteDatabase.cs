using Microsoft.Data.Sqlite;

namespace TriggerFlow.Runtime.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file, <c>triggerflow.db</c> in the data folder, holding grain
/// state and reminders. Reads open pooled connections of their own (WAL lets them run beside the
/// writer); every write goes through the one <see cref="GroupCommitWriter"/>.
/// </summary>
/// <remarks>
/// <c>synchronous=FULL</c>: in WAL mode each commit fsyncs the log, so a committed write survives
/// a power cut, not only a crash of the process. <c>NORMAL</c> would skip that fsync and could lose
/// the last acknowledged writes on power loss, which breaks "an ack means durable". Group commit
/// pays one fsync per batch, which is what makes FULL affordable (see docs/adr/0003).
/// </remarks>
internal sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    public const string FileName = "triggerflow.db";

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            etag TEXT NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );
        CREATE TABLE IF NOT EXISTS reminders (
            grain_id TEXT NOT NULL,
            name TEXT NOT NULL,
            grain_hash INTEGER NOT NULL,
            start_at_ticks INTEGER NOT NULL,
            period_ticks INTEGER NOT NULL,
            etag TEXT NOT NULL,
            PRIMARY KEY (grain_id, name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (grain_hash);
        """;

    /// <summary>
    /// The writer's page cache. SQLite's default (2 MB) holds only a few thousand customers' rows, so
    /// every update past it first reads its page back from the OS; the writer is the one serial
    /// stage of durable ingestion, so it keeps the hot part of the table in memory.
    /// </summary>
    public const int WriterCacheKiB = 64 * 1024;

    /// <summary>
    /// WAL pages between checkpoints (SQLite's default is 1,000). A batch of a few hundred customer
    /// writes fills more than that, so the default checkpoints after nearly every commit, copying
    /// every page twice and paying a second fsync on the writer's path; at 10,000 (about 40 MB of
    /// log) a checkpoint copies each page once for many commits. Durability is unchanged: every
    /// commit still fsyncs the log before it is acknowledged.
    /// </summary>
    public const int CheckpointPages = 10_000;

    private readonly string _connectionString;

    /// <param name="dataDir">The data folder; created if missing.</param>
    /// <param name="maxBatch">Writes per transaction at most; 1 turns group commit off (benchmarks compare the two).</param>
    public SqliteDatabase(string dataDir, int maxBatch = GroupCommitWriter.DefaultMaxBatch)
    {
        Directory.CreateDirectory(dataDir);
        FilePath = Path.GetFullPath(Path.Combine(dataDir, FileName));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();

        var writer = OpenConnection();
        Execute(writer, "PRAGMA synchronous = FULL;");
        MigrateGrainStateToRowid(writer);
        Execute(writer, Schema);
        Execute(writer, $"PRAGMA cache_size = -{WriterCacheKiB};");
        Execute(writer, $"PRAGMA wal_autocheckpoint = {CheckpointPages};");
        Writer = new GroupCommitWriter(writer, maxBatch);
    }

    public string FilePath { get; }

    public GroupCommitWriter Writer { get; }

    /// <summary>A connection for reading; dispose it to return it to the pool.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync().ConfigureAwait(false);

        // Pooled readers would keep the file open after the store is gone.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>For containers disposed synchronously: still commits what is queued.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Earlier versions kept grain state in a <c>WITHOUT ROWID</c> table. A customer's state (1–3 KB
    /// of JSON) is larger than such a table stores in its b-tree page, so each row spilled into an
    /// overflow page, and every update rewrote both and the free list: two to three pages per write.
    /// An ordinary table keeps rows up to 4 KB in the page itself. Moved once, in one transaction,
    /// with every row and ETag as it was.
    /// </summary>
    private static void MigrateGrainStateToRowid(SqliteConnection connection)
    {
        using var check = connection.CreateCommand();
        check.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'grain_state'";
        if (check.ExecuteScalar() is not string sql || !sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        using var migrate = connection.CreateCommand();
        migrate.Transaction = transaction;
        migrate.CommandText = """
            CREATE TABLE grain_state_rowid (
                state_name TEXT NOT NULL,
                grain_id TEXT NOT NULL,
                etag TEXT NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            );
            INSERT INTO grain_state_rowid (state_name, grain_id, etag, data) SELECT state_name, grain_id, etag, data FROM grain_state;
            DROP TABLE grain_state;
            ALTER TABLE grain_state_rowid RENAME TO grain_state;
            """;
        migrate.ExecuteNonQuery();
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
