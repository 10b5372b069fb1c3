using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Orleans.Storage;
using StackExchange.Redis;
using TriggerFlow.Engine.State;
using TriggerFlow.Runtime.Hosting;
using TriggerFlow.Runtime.Storage;
using TriggerFlow.Runtime.Storage.Sqlite;

namespace TriggerFlow.Runtime.Tests.Storage;

/// <summary><c>AddTriggerFlowStorage</c> in a real silo: the SQLite file by default, real Redis for a cluster.</summary>
public sealed class StorageWiringTests
{
    [Fact]
    public async Task The_sqlite_mode_keeps_state_and_reminders_in_one_file_in_a_data_folder_it_creates()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "triggerflow-wiring-" + Guid.NewGuid().ToString("N"), "data");
        try
        {
            await using (var silo = await TestSilo.StartAsync(new TriggerFlowOptions { DataDir = dataDir }))
            {
                Assert.IsType<SqliteReminderTable>(silo.Services.GetRequiredService<IReminderTable>());
                await StorageRoundTrip(silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageExtensions.ProviderName));
                await silo.Services.GetRequiredService<IReminderTable>().UpsertRow(Reminder());
            }

            Assert.True(File.Exists(Path.Combine(dataDir, SqliteDatabase.FileName)));
            await using var reopened = await TestSilo.StartAsync(new TriggerFlowOptions { DataDir = dataDir });
            var state = new GrainState<CustomerState>(new CustomerState(""));
            await reopened.Services.GetRequiredKeyedService<IGrainStorage>(StorageExtensions.ProviderName).ReadStateAsync("customer", Grain, state);
            Assert.Equal("c-42", state.State!.CustomerId);
            Assert.NotNull(await reopened.Services.GetRequiredService<IReminderTable>().ReadRow(Grain, "wake-up"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dataDir)!, recursive: true);
        }
    }

    [Fact]
    public async Task The_redis_mode_stores_state_as_our_json_and_reminders_in_a_real_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var silo = await TestSilo.StartAsync(new TriggerFlowOptions { Storage = "redis", Redis = redis.ConnectionString, SiloHost = "127.0.0.1" });

        await StorageRoundTrip(silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageExtensions.ProviderName));
        var reminders = silo.Services.GetRequiredService<IReminderTable>();
        var etag = await reminders.UpsertRow(Reminder());
        Assert.Equal(etag, (await reminders.ReadRow(Grain, "wake-up"))?.ETag);

        var stored = await StoredStateJson(redis);
        Assert.Contains("\"customerId\":\"c-42\"", stored, StringComparison.Ordinal);
        Assert.Contains("{\"date\":\"2026-07-01\"}", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("TriggerFlow", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void The_redis_mode_without_a_connection_string_says_what_to_set()
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            new HostBuilder().UseOrleans(silo => silo.AddTriggerFlowStorage(new TriggerFlowOptions { Storage = "redis" })).Build());

        Assert.Contains("TriggerFlow__Redis", failure.Message, StringComparison.Ordinal);
    }

    private static GrainId Grain { get; } = GrainId.Create("customer", "c-42");

    private static ReminderEntry Reminder() =>
        new() { GrainId = Grain, ReminderName = "wake-up", StartAt = new DateTime(2026, 7, 1, 9, 0, 0, DateTimeKind.Utc), Period = TimeSpan.FromMinutes(1) };

    /// <summary>Write, read back, refuse a stale ETag, write again: a customer state with a typed profile value.</summary>
    private static async Task StorageRoundTrip(IGrainStorage storage)
    {
        var written = new GrainState<CustomerState>(new CustomerState("c-42") { Profile = { ["joined"] = new LocalDate(2026, 7, 1) }, LateEvents = 3 });
        await storage.WriteStateAsync("customer", Grain, written);
        var stale = new GrainState<CustomerState>(written.State, written.ETag);
        await storage.WriteStateAsync("customer", Grain, written);

        var read = new GrainState<CustomerState>(new CustomerState(""));
        await storage.ReadStateAsync("customer", Grain, read);

        Assert.Equal((true, written.ETag, "c-42", 3L), (read.RecordExists, read.ETag, read.State!.CustomerId, read.State!.LateEvents));
        Assert.Equal(new LocalDate(2026, 7, 1), read.State!.Profile["joined"]);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("customer", Grain, stale));
    }

    private static async Task<string> StoredStateJson(RedisServer redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var key = server.Keys(pattern: "*state*").Single();
        byte[] data = (await connection.GetDatabase().HashGetAsync(key, "data"))!;
        return Encoding.UTF8.GetString(data);
    }
}
