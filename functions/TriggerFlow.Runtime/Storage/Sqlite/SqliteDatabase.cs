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
        ) WITHOUT ROWID;
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
        Execute(writer, Schema);
        Execute(writer, "PRAGMA synchronous = FULL;");
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

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
