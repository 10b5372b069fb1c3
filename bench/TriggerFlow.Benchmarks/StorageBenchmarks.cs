using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using TriggerFlow.Engine.State;
using TriggerFlow.Runtime.Storage.Json;
using TriggerFlow.Runtime.Storage.Sqlite;

namespace TriggerFlow.Benchmarks;

/// <summary>
/// Durable grain-state writes per second on a temporary SQLite file (WAL, synchronous=FULL):
/// 64 grains each writing their own state 100 times, as concurrent customer grains do.
/// <c>MaxBatch = 1</c> commits one transaction per write; the default batches whatever is queued
/// into one transaction (group commit). Each figure is per write.
/// </summary>
[Config(typeof(InProcessMonitoring))]
public class StorageBenchmarks
{
    private const int Grains = 64;
    private const int WritesPerGrain = 100;

    private string _dataDir = "";
    private SqliteDatabase? _database;
    private SqliteGrainStorage? _storage;

    [Params(1, GroupCommitWriter.DefaultMaxBatch)]
    public int MaxBatch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dataDir = Path.Combine(Path.GetTempPath(), "triggerflow-bench-" + Guid.NewGuid().ToString("N"));
        _database = new SqliteDatabase(_dataDir, MaxBatch);
        var activators = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();
        _storage = new SqliteGrainStorage("bench", _database, new JsonGrainStateSerializer(), activators);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database!.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Grains * WritesPerGrain)]
    public Task ConcurrentDurableWrites() => Task.WhenAll(Enumerable.Range(0, Grains).Select(g => Task.Run(() => WriteRepeatedly(g))));

    private async Task WriteRepeatedly(int grain)
    {
        var id = GrainId.Create("customer", $"c-{grain}-{Guid.NewGuid():N}");
        var state = new GrainState<CustomerState>(Customer(id.ToString()));
        for (var i = 0; i < WritesPerGrain; i++)
        {
            state.State!.LateEvents = i;
            await _storage!.WriteStateAsync("customer", id, state);
        }
    }

    /// <summary>A customer with a profile, an open window and some history: about 1 KB of JSON.</summary>
    private static CustomerState Customer(string id)
    {
        var at = Instant.FromUtc(2026, 7, 1, 9, 0);
        var signal = new Dictionary<string, object?> { ["cart"] = "cart-9", ["total"] = 129.90m, ["items"] = new[] { "sku-1", "sku-2" } };
        return new CustomerState(id)
        {
            Profile = { ["name"] = "Ada", ["tier"] = "gold", ["joined"] = new LocalDate(2024, 3, 1), ["vip"] = true },
            Consent = { ["email"] = true },
            Windows = [new PendingWindow { Rule = "cart-abandoned", Version = "v3", WindowId = "w1", Anchor = at, StageStart = at, Deadline = at + Duration.FromHours(2), Signal = signal }],
            Sent = [new SentMessage("welcome", "email", at, 10)],
            Seen = MessageIds.From(Enumerable.Range(0, 10).Select(i => KeyValuePair.Create($"m-{i}", at + Duration.FromMinutes(i)))),
            Clock = at,
        };
    }

    /// <summary>
    /// Each invocation is thousands of fsyncs, so it is timed as a whole (Monitoring) a few times,
    /// in-process: building a separate benchmark process is slower than the measurement itself.
    /// </summary>
    private sealed class InProcessMonitoring : ManualConfig
    {
        public InProcessMonitoring() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: false)));
    }
}
