using Microsoft.Data.Sqlite;
using Orleans.Storage;
using TriggerFlow.Runtime.Storage.Sqlite;

namespace TriggerFlow.Runtime.Tests.Storage;

/// <summary>The single writer's settings and statement reuse, and the grain-state table's layout.</summary>
public sealed class SqliteWriterTests : IAsyncLifetime
{
    private readonly TempStore _store = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task The_writer_fsyncs_every_commit_and_checkpoints_in_large_steps()
    {
        var (synchronous, journal, checkpoint) = await _store.Database.Writer.Enqueue(transaction => (
            Convert.ToInt64(transaction.Scalar("PRAGMA synchronous"), System.Globalization.CultureInfo.InvariantCulture),
            transaction.Scalar("PRAGMA journal_mode") as string,
            Convert.ToInt64(transaction.Scalar("PRAGMA wal_autocheckpoint"), System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(2, synchronous); // FULL
        Assert.Equal("wal", journal);
        Assert.Equal(SqliteDatabase.CheckpointPages, checkpoint);
    }

    [Fact]
    public async Task Grain_state_is_an_ordinary_table_so_a_state_of_a_few_kilobytes_stays_in_its_page()
    {
        Assert.DoesNotContain("WITHOUT ROWID", await TableSql("grain_state"), StringComparison.OrdinalIgnoreCase);
        await _store.Storage.WriteStateAsync("customer", Grain("c-1"), new GrainState<CounterState>(new CounterState { Note = new string('x', 3000) }));

        var read = new GrainState<CounterState>();
        await _store.Storage.ReadStateAsync("customer", Grain("c-1"), read);

        Assert.Equal(3000, read.State!.Note.Length);
    }

    [Fact]
    public async Task A_store_of_the_earlier_layout_is_moved_to_the_new_one_with_every_row_and_etag()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "triggerflow-layout-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        try
        {
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, SqliteDatabase.FileName)};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    PRAGMA journal_mode = WAL;
                    CREATE TABLE grain_state (
                        state_name TEXT NOT NULL, grain_id TEXT NOT NULL, etag TEXT NOT NULL, data BLOB NOT NULL,
                        PRIMARY KEY (state_name, grain_id)
                    ) WITHOUT ROWID;
                    INSERT INTO grain_state VALUES ('customer', 'customer/c-7', 'etag-7', CAST('{"count":7,"note":"kept"}' AS BLOB));
                    """;
                await command.ExecuteNonQueryAsync();
            }

            await using var database = new SqliteDatabase(dataDir);
            var storage = TempStore.StorageOn(database);
            var read = new GrainState<CounterState>();
            await storage.ReadStateAsync("customer", Grain("c-7"), read);

            Assert.Equal(("etag-7", 7, "kept"), (read.ETag, read.State!.Count, read.State.Note));
            Assert.DoesNotContain("WITHOUT ROWID", await TableSql("grain_state", database), StringComparison.OrdinalIgnoreCase);

            // The moved row keeps its optimistic concurrency: its ETag updates it, a stale one does not.
            read.State.Count = 8;
            await storage.WriteStateAsync("customer", Grain("c-7"), read);
            await Assert.ThrowsAsync<InconsistentStateException>(() =>
                storage.WriteStateAsync("customer", Grain("c-7"), new GrainState<CounterState>(new CounterState(), "etag-7")));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_statement_run_again_binds_each_runs_own_values()
    {
        const string Insert = "INSERT INTO grain_state (state_name, grain_id, etag, data) VALUES ($state, $grain, $etag, $data)";
        await _store.Database.Writer.Enqueue(transaction =>
        {
            transaction.Execute(Insert, ("$state", "s"), ("$grain", "g-1"), ("$etag", "e-1"), ("$data", new byte[] { 1 }));
            return transaction.Execute(Insert, ("$state", "s"), ("$grain", "g-2"), ("$etag", "e-2"), ("$data", new byte[] { 2, 2 }));
        });
        await _store.Database.Writer.Enqueue(transaction =>
            transaction.Execute(Insert, ("$state", "s"), ("$grain", "g-3"), ("$etag", "e-3"), ("$data", new byte[] { 3, 3, 3 })));

        // The same text with other parameters is bound afresh, not with the earlier ones.
        var updated = await _store.Database.Writer.Enqueue(transaction =>
            transaction.Execute("UPDATE grain_state SET etag = $etag WHERE grain_id = $grain", ("$etag", "e-2b"), ("$grain", "g-2")));
        var rows = await _store.Database.Writer.Enqueue(transaction =>
        {
            var found = new List<string>();
            foreach (var grain in new[] { "g-1", "g-2", "g-3", "g-4" })
            {
                found.Add(transaction.Scalar("SELECT etag || ':' || length(data) FROM grain_state WHERE grain_id = $grain", ("$grain", grain)) as string ?? "none");
            }

            return found;
        });

        Assert.Equal(1, updated);
        Assert.Equal(["e-1:1", "e-2b:2", "e-3:3", "none"], rows);
    }

    [Fact]
    public async Task A_failed_statement_fails_its_batch_and_the_next_batch_runs_it_cleanly()
    {
        const string Insert = "INSERT INTO grain_state (state_name, grain_id, etag, data) VALUES ($state, $grain, $etag, $data)";
        await _store.Database.Writer.Enqueue(transaction => transaction.Execute(Insert, ("$state", "s"), ("$grain", "g-1"), ("$etag", "e-1"), ("$data", new byte[] { 1 })));

        await Assert.ThrowsAsync<SqliteException>(() => _store.Database.Writer.Enqueue(transaction =>
            transaction.Execute(Insert, ("$state", "s"), ("$grain", "g-1"), ("$etag", "dup"), ("$data", new byte[] { 9 }))));
        await _store.Database.Writer.Enqueue(transaction => transaction.Execute(Insert, ("$state", "s"), ("$grain", "g-2"), ("$etag", "e-2"), ("$data", new byte[] { 2 })));

        var etags = await _store.Database.Writer.Enqueue(transaction =>
            transaction.Scalar("SELECT group_concat(etag, ',') FROM (SELECT etag FROM grain_state ORDER BY grain_id)") as string);
        Assert.Equal("e-1,e-2", etags);
    }

    private static GrainId Grain(string customer) => GrainId.Create("customer", customer);

    private Task<string> TableSql(string table, SqliteDatabase? database = null) =>
        (database ?? _store.Database).Writer.Enqueue(transaction =>
            (string)transaction.Scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $name", ("$name", table))!);
}
