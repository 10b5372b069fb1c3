using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using TriggerFlow.Runtime.Storage.Json;
using TriggerFlow.Runtime.Storage.Sqlite;

namespace TriggerFlow.Runtime.Tests.Storage;

/// <summary>A real SQLite store in a temporary folder, removed when the test ends.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private static readonly Lazy<IActivatorProvider> Activators = new(() =>
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>());

    public TempStore()
    {
        DataDir = Path.Combine(Path.GetTempPath(), "triggerflow-store-" + Guid.NewGuid().ToString("N"));
        Database = new SqliteDatabase(DataDir);
    }

    public string DataDir { get; }

    public SqliteDatabase Database { get; private set; }

    public SqliteGrainStorage Storage => StorageOn(Database);

    public SqliteReminderTable Reminders => new(Database);

    /// <summary>The grain storage over another database, as the host wires it.</summary>
    public static SqliteGrainStorage StorageOn(SqliteDatabase database) => new("test", database, new JsonGrainStateSerializer(), Activators.Value);

    /// <summary>Closes the file and opens it again, as a restarted silo would.</summary>
    public async Task ReopenAsync()
    {
        await Database.DisposeAsync();
        Database = new SqliteDatabase(DataDir);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(DataDir, recursive: true);
    }
}

/// <summary>A small grain state for the storage contract.</summary>
internal sealed class CounterState
{
    public int Count { get; set; }

    public string Note { get; set; } = "";
}
