using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using TriggerFlow.Runtime.Delivery;
using TriggerFlow.Runtime.Hosting;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Benchmarks;

/// <summary>
/// "The scale of waiting" (docs/benchmarks.md, Issue 4): N customers each with an open window in
/// the real host (SQLite storage and reminders, grains, outbox, file channel), driven through
/// <see cref="IGrainFactory"/> on a fake clock. Reports ingest rate, memory once the grains are
/// collected, storage size, and the latency from the shared deadline to each send being in the
/// outbox when all N deadlines fall due in the same minute.
/// <c>waiting-scale --customers 100000 [--parallel 64]</c>.
/// </summary>
internal static class WaitingScale
{
    private static readonly DateTimeOffset Start = new(2026, 7, 10, 10, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        var customers = int.Parse(options.GetValueOrDefault("--customers", "100000"), CultureInfo.InvariantCulture);
        var parallel = int.Parse(options.GetValueOrDefault("--parallel", "64"), CultureInfo.InvariantCulture);
        var root = Path.Combine(Path.GetTempPath(), "triggerflow-waiting-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var time = new FakeTimeProvider(Start);
        var ticks = new ReminderTicks();
        await using var app = await StartAsync(root, time, ticks);
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        try
        {
            var memoryBefore = ManagedMegabytes();
            var ingest = await IngestAsync(grains, customers, parallel);
            Report($"ingested {customers:N0} carts in {ingest.TotalSeconds:N1} s ({customers / ingest.TotalSeconds:N0}/s), every one an open 1-hour window");

            // Idle grains are collected as the activation collector would after the collection age.
            var management = grains.GetGrain<IManagementGrain>(0);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var clock = Stopwatch.StartNew();
            await management.ForceActivationCollection(TimeSpan.FromSeconds(1));
            var collected = clock.Elapsed;
            Report($"active grains after collection: {await management.GetTotalActivationCount():N0}");
            Report($"after collection ({collected.TotalSeconds:N0} s): managed heap {ManagedMegabytes() - memoryBefore:N0} MB above the empty host, working set {Environment.WorkingSet / 1024 / 1024:N0} MB");
            Report($"storage: {StorageMegabytes(root):N1} MB in {Path.Combine(root, "data")} ({StorageMegabytes(root) * 1024 * 1024 / customers:N0} bytes per waiting customer)");

            // To the deadline (+ lateness); the reminder table refresh loads every due reminder, and the
            // next second of the clock fires them all: that step is the moment they fall due.
            ticks.Reset(customers);
            time.Advance(TimeSpan.FromMinutes(65));
            await Task.Delay(TimeSpan.FromSeconds(2));
            var due = Stopwatch.GetTimestamp();
            var all = await ticks.AllAsync(time, TimeSpan.FromMinutes(20));
            var latencies = ticks.Latencies(due);
            Report($"{customers:N0} deadlines due at once: all in the outbox after {all.TotalSeconds:N1} s; latency p50 {Percentile(latencies, 0.50):N0} ms, p99 {Percentile(latencies, 0.99):N0} ms");
            return 0;
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<WebApplication> StartAsync(string root, FakeTimeProvider time, ReminderTicks ticks)
    {
        var rules = RulesFolderLocator.Find();
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(rules, "..", "host.json")))!.AsObject();
        host["TriggerFlow"]!["DataDir"] = Path.Combine(root, "data");
        host["TriggerFlow"]!["RulesFolder"] = rules;
        host["TriggerFlow"]!["SiloPort"] = FreePort();
        host["TriggerFlow"]!["GatewayPort"] = FreePort();
        File.WriteAllText(Path.Combine(root, "host.json"), host.ToJsonString());
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development, ContentRootPath = root, ApplicationName = typeof(HostingExtensions).Assembly.GetName().Name });
        builder.AddTriggerFlow();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(time);
        foreach (var area in new[] { TimeProviderNames.Messaging, TimeProviderNames.Membership, TimeProviderNames.SystemTimers, TimeProviderNames.GrainDirectory })
        {
            builder.Services.AddKeyedSingleton(area, TimeProvider.System);
        }

        builder.Services.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(2));
        builder.Services.AddSingleton<IIncomingGrainCallFilter>(ticks);

        // The measure is decision to outbox; the file channel (one fsync per message) is measured
        // on its own in docs/benchmarks.md and would otherwise keep every outbox busy for minutes.
        builder.Services.AddKeyedSingleton<IChannelConnector>("email", new DiscardingChannel());
        var app = builder.Build();
        app.MapTriggerFlow();
        await app.StartAsync();
        return app;
    }

    private static async Task<TimeSpan> IngestAsync(IGrainFactory grains, int customers, int parallel)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, customers, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
        {
            var id = $"waiting-{i}";
            await grains.GetGrain<ICustomerGrain>(id).Ingest([new CustomerInput(CustomerInputKind.Event, "cart-" + id, "added to cart", $$"""{"cart":"c{{i}}","price":10}""", Start, Start, null)]);
        });
        return clock.Elapsed;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static long ManagedMegabytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true) / 1024 / 1024;
    }

    private static double StorageMegabytes(string root) =>
        new DirectoryInfo(Path.Combine(root, "data")).EnumerateFiles("*.db*", SearchOption.AllDirectories).Sum(f => f.Length) / 1024.0 / 1024.0;

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];

    private static void Report(string line) => Console.WriteLine(line);

    /// <summary>Timestamps each customer's reminder tick as it completes: by then the send is persisted in its outbox.</summary>
    private sealed class ReminderTicks : IIncomingGrainCallFilter
    {
        private ConcurrentDictionary<string, long> _done = new(StringComparer.Ordinal);
        private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _expected = int.MaxValue;

        public void Reset(int expected)
        {
            _done = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            _expected = expected;
        }

        /// <summary>Steps the clock a second at a time (as real time would move) until every tick is in.</summary>
        public async Task<TimeSpan> AllAsync(FakeTimeProvider time, TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            while (!_all.Task.IsCompleted && clock.Elapsed < limit)
            {
                time.Advance(TimeSpan.FromSeconds(1));
                await Task.WhenAny(_all.Task, Task.Delay(TimeSpan.FromMilliseconds(50)));
            }

            return clock.Elapsed;
        }

        public List<double> Latencies(long due) => [.. _done.Values.Select(t => Stopwatch.GetElapsedTime(due, t).TotalMilliseconds).Order()];

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            await context.Invoke();
            if (context.MethodName == nameof(IRemindable.ReceiveReminder) && _done.TryAdd(context.TargetId.Key.ToString()!, Stopwatch.GetTimestamp()) && _done.Count >= _expected)
            {
                _all.TrySetResult();
            }
        }
    }
}

/// <summary>Accepts every message at once: a provider with no latency.</summary>
internal sealed class DiscardingChannel : IChannelConnector
{
    public Task DeliverAsync(OutboundMessage message, CancellationToken ct) => Task.CompletedTask;
}
