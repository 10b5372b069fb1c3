using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Runtime.Delivery;
using TriggerFlow.Runtime.Hosting;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Benchmarks;

/// <summary>
/// "The scale of waiting" (docs/benchmarks.md, Issue 4): N customers each with an open window in
/// the real host (SQLite storage and reminders, grains, outbox, dispatcher and delivery ledger),
/// driven through <see cref="IGrainFactory"/> on a fake clock (<see cref="ScalableFakeClock"/>). Reports ingest rate, memory once
/// the grains are collected, storage size, and the latency from the shared deadline to each send
/// being persisted in its customer's outbox when D of the N deadlines fall due in the same minute
/// (the other N − D fall due 30 minutes later and stay pending throughout the measurement).
/// <c>waiting-scale --customers 1000000 [--due 100000] [--parallel 256]</c>.
/// </summary>
internal static class WaitingScale
{
    private static readonly DateTimeOffset Start = new(2026, 7, 10, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The cart rule's window (1 h) plus the host's allowed lateness (5 min): when a cart opened at t falls due.</summary>
    private static readonly TimeSpan DueAfter = TimeSpan.FromMinutes(65);

    /// <summary>How much later the customers that are not due were opened (and so fall due).</summary>
    private static readonly TimeSpan PendingOffset = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        var customers = int.Parse(options.GetValueOrDefault("--customers", "100000"), CultureInfo.InvariantCulture);
        var dueCount = Math.Min(customers, int.Parse(options.GetValueOrDefault("--due", customers.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture));
        var parallel = int.Parse(options.GetValueOrDefault("--parallel", "256"), CultureInfo.InvariantCulture);
        var root = Path.Combine(options.GetValueOrDefault("--root") ?? Path.GetTempPath(), "triggerflow-waiting-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var time = new ScalableFakeClock(Start);
        var outbox = new OutboxTimes();
        await using var app = await StartAsync(root, time, outbox);
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        try
        {
            Report($"waiting-scale: {customers:N0} customers, {dueCount:N0} due in the same minute, {parallel} calls in flight, {Environment.ProcessorCount} cores, load {LoadAverage()}");
            var memoryBefore = ManagedMegabytes();
            var workingSetBefore = Environment.WorkingSet / 1024 / 1024;

            // The customers that fall due together open their carts now; the others 30 minutes later.
            var ingest = await IngestAsync(grains, 0, dueCount, parallel, time);
            if (customers > dueCount)
            {
                time.Advance(PendingOffset);
                ingest += await IngestAsync(grains, dueCount, customers, parallel, time);
            }

            Report($"ingested {customers:N0} carts in {ingest.TotalSeconds:N1} s ({customers / ingest.TotalSeconds:N0}/s), every one an open 1-hour window; load {LoadAverage()}");

            // Five minutes on, as a host would run them: the reminder service's table refresh drops the
            // tombstones registration left for reminders due beyond its loading window.
            time.Advance(TimeSpan.FromMinutes(5));

            // Idle grains are collected as the activation collector would after the collection age.
            var management = grains.GetGrain<IManagementGrain>(0);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var clock = Stopwatch.StartNew();
            await management.ForceActivationCollection(TimeSpan.FromSeconds(1));
            var collected = clock.Elapsed;
            Report($"active grains after collection: {await management.GetTotalActivationCount():N0}");
            Report($"after collection ({collected.TotalSeconds:N0} s): managed heap {ManagedMegabytes() - memoryBefore:N0} MB above the empty host, working set {Environment.WorkingSet / 1024 / 1024:N0} MB (empty host {workingSetBefore:N0} MB)");
            var storage = StorageMegabytes(root);
            Report($"storage: {storage:N1} MB in {Path.Combine(root, "data")} ({storage * 1024 * 1024 / customers:N0} bytes per waiting customer)");

            // To a minute before the deadline in one jump (the reminder service loads what falls due in
            // its loading window), then second by second to the deadline, and from there the fake clock
            // follows real time, so periodic ticks come as often as they would in production.
            var deadline = Start + DueAfter;
            time.Advance(deadline - TimeSpan.FromMinutes(1) - time.GetUtcNow());
            await Task.Delay(TimeSpan.FromSeconds(3));
            while (time.GetUtcNow() < deadline - TimeSpan.FromSeconds(1))
            {
                time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(TimeSpan.FromMilliseconds(20));
            }

            outbox.Arm(dueCount);
            var due = Stopwatch.GetTimestamp();
            time.Advance(TimeSpan.FromSeconds(1));
            var all = await outbox.AllAsync(time, due, TimeSpan.FromMinutes(10));
            var latencies = outbox.Latencies(due);
            Report($"{dueCount:N0} deadlines due at once: {latencies.Count:N0} in the outbox after {all.TotalSeconds:N1} s; latency p50 {Percentile(latencies, 0.50):N0} ms, p99 {Percentile(latencies, 0.99):N0} ms, max {Percentile(latencies, 1):N0} ms; early or wrong sends {outbox.Unexpected}; load {LoadAverage()}");
            await outbox.AcknowledgedAsync(time, TimeSpan.FromMinutes(3));
            Report($"acknowledged by the dispatcher (delivered, ledger written, outbox emptied): {outbox.Acknowledged:N0} after {Stopwatch.GetElapsedTime(due).TotalSeconds:N1} s; working set {Environment.WorkingSet / 1024 / 1024:N0} MB");
            return latencies.Count == dueCount && outbox.Unexpected == 0 ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<WebApplication> StartAsync(string root, ScalableFakeClock time, OutboxTimes outbox)
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

        // The grains hand each persisted send to the dispatcher: timing that hand-over times the
        // moment the send is durable in the outbox. The real dispatcher then delivers it.
        builder.Services.AddSingleton<IOutboxDispatcher>(sp => outbox.Wrap(sp.GetRequiredService<OutboxDispatcher>()));
        builder.Services.AddSingleton<IIncomingGrainCallFilter>(outbox);

        // The measure is decision to outbox; the file channel (one fsync per message) is measured
        // on its own in docs/benchmarks.md and would otherwise keep every outbox busy for minutes.
        builder.Services.AddKeyedSingleton<IChannelConnector>("email", new DiscardingChannel());
        var app = builder.Build();
        app.MapTriggerFlow();
        await app.StartAsync();
        return app;
    }

    private static async Task<TimeSpan> IngestAsync(IGrainFactory grains, int from, int to, int parallel, TimeProvider time)
    {
        var at = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var done = 0;
        using var progress = new Timer(_ => Report($"  ingest: {Volatile.Read(ref done):N0} of {to - from:N0} after {clock.Elapsed.TotalSeconds:N0} s, load {LoadAverage()}, working set {Environment.WorkingSet / 1024 / 1024:N0} MB"), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

        // The fake clock stands still while carts pour in, so the activation collector would never
        // find a grain idle: collect those idle for 10 s of real time as it goes, as a host with a
        // short collection age would, or a million activations would stay in memory.
        using var stop = new CancellationTokenSource();
        var collector = Task.Run(async () =>
        {
            var management = grains.GetGrain<IManagementGrain>(0);
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(20), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                await management.ForceActivationCollection(TimeSpan.FromSeconds(10));
            }
        });
        await Parallel.ForAsync(from, to, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
        {
            var id = Customer(i);
            await grains.GetGrain<ICustomerGrain>(id).Ingest([CustomerInput.Of(new EventInput("cart-" + id, "added to cart", PropertyMap.From([KeyValuePair.Create("cart", (object?)$"c{i}"), KeyValuePair.Create("price", (object?)10m)]), NodaTime.Instant.FromDateTimeOffset(at), NodaTime.Instant.FromDateTimeOffset(at)))]);
            Interlocked.Increment(ref done);
        });
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await collector;
        return elapsed;
    }

    private static string Customer(int i) => $"waiting-{i}";

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

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];

    private static void Report(string line) => Console.WriteLine(line);

    /// <summary>
    /// Timestamps the first send of each customer handed to the dispatcher once armed (the grain
    /// hands a send over only after the state holding it is persisted), and counts acknowledgements.
    /// </summary>
    private sealed class OutboxTimes : IIncomingGrainCallFilter
    {
        private readonly ConcurrentDictionary<string, long> _sent = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _armed;
        private int _expected = int.MaxValue;
        private int _dueBelow;
        private int _unexpected;
        private int _acknowledged;

        public int Unexpected => Volatile.Read(ref _unexpected);

        public int Acknowledged => Volatile.Read(ref _acknowledged);

        public IOutboxDispatcher Wrap(IOutboxDispatcher inner) => new Timing(this, inner);

        /// <summary>From now on, customers below <paramref name="expected"/> are due; a send for any other is counted as wrong.</summary>
        public void Arm(int expected)
        {
            (_expected, _dueBelow) = (expected, expected);
            _armed = true;
        }

        /// <summary>Lets the fake clock follow real time until every expected send is in an outbox.</summary>
        public async Task<TimeSpan> AllAsync(ScalableFakeClock time, long due, TimeSpan limit)
        {
            var last = Stopwatch.GetTimestamp();
            var report = Stopwatch.StartNew();
            while (!_all.Task.IsCompleted && Stopwatch.GetElapsedTime(due) < limit)
            {
                await Task.WhenAny(_all.Task, Task.Delay(TimeSpan.FromMilliseconds(250)));
                var now = Stopwatch.GetTimestamp();
                time.Advance(Stopwatch.GetElapsedTime(last, now));
                last = now;
                if (report.Elapsed > TimeSpan.FromSeconds(5))
                {
                    Report($"  +{Stopwatch.GetElapsedTime(due).TotalSeconds:N0} s: {_sent.Count:N0} in the outbox, {Acknowledged:N0} acknowledged, load {LoadAverage()}");
                    report.Restart();
                }
            }

            return Stopwatch.GetElapsedTime(due);
        }

        /// <summary>Lets the fake clock follow real time until every send is acknowledged, within a limit.</summary>
        public async Task AcknowledgedAsync(ScalableFakeClock time, TimeSpan limit)
        {
            var last = Stopwatch.GetTimestamp();
            var clock = Stopwatch.StartNew();
            while (Acknowledged < _sent.Count && clock.Elapsed < limit)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
                var now = Stopwatch.GetTimestamp();
                time.Advance(Stopwatch.GetElapsedTime(last, now));
                last = now;
            }
        }

        public List<double> Latencies(long due) => [.. _sent.Values.Select(t => Stopwatch.GetElapsedTime(due, t).TotalMilliseconds).Order()];

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            await context.Invoke();
            if (_armed && context.MethodName == nameof(ICustomerGrain.Acknowledge))
            {
                Interlocked.Increment(ref _acknowledged);
            }
        }

        private void Sent(string customerId, IReadOnlyList<OutboundMessage> messages)
        {
            if (!_armed || !messages.Any(m => m.Rule == "cart-reminder"))
            {
                return;
            }

            var index = int.Parse(customerId.AsSpan("waiting-".Length), CultureInfo.InvariantCulture);
            if (index >= _dueBelow)
            {
                Interlocked.Increment(ref _unexpected);
            }
            else if (_sent.TryAdd(customerId, Stopwatch.GetTimestamp()) && _sent.Count >= _expected)
            {
                _all.TrySetResult();
            }
        }

        private sealed class Timing(OutboxTimes times, IOutboxDispatcher inner) : IOutboxDispatcher
        {
            public void Dispatch(string customerId, IReadOnlyList<OutboundMessage> messages)
            {
                times.Sent(customerId, messages);
                inner.Dispatch(customerId, messages);
            }
        }
    }
}

/// <summary>Accepts every message at once: a provider with no latency.</summary>
internal sealed class DiscardingChannel : IChannelConnector
{
    public Task DeliverAsync(OutboundMessage message, CancellationToken ct) => Task.CompletedTask;
}
