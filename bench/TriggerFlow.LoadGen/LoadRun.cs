using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TriggerFlow.LoadGen;

/// <summary>One load run: N workers, each a loop of one request at a time on its own connection.</summary>
internal sealed class LoadRun(HttpClient http, LoadOptions options)
{
    private long sequence;
    private long sent;

    /// <summary>Opens every connection and lets the host's first-request costs pass before measuring.</summary>
    public async Task WarmUpAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(_ => PostAsync()));
    }

    public async Task<LoadResult> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var workers = await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(_ => WorkAsync(clock)));
        clock.Stop();
        var latencies = workers.SelectMany(w => w.Latencies).Order().ToArray();
        return new LoadResult(clock.Elapsed, latencies, workers.Sum(w => w.Failures), options.Batch);
    }

    private async Task<(List<double> Latencies, int Failures)> WorkAsync(Stopwatch clock)
    {
        var latencies = new List<double>();
        var failures = 0;
        while (clock.Elapsed < options.Duration && (options.Requests == 0 || Interlocked.Increment(ref sent) <= options.Requests))
        {
            var started = Stopwatch.GetTimestamp();
            var ok = await PostAsync();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            failures += ok ? 0 : 1;
        }

        return (latencies, failures);
    }

    private async Task<bool> PostAsync()
    {
        using var content = new StringContent(Body(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(options.Path, content);
        await response.Content.CopyToAsync(Stream.Null);
        return response.IsSuccessStatusCode;
    }

    /// <summary>A batch of distinct track calls spread over the customer population, as a busy shop would send.</summary>
    private string Body()
    {
        var builder = new StringBuilder("{\"batch\":[");
        for (var i = 0; i < options.Batch; i++)
        {
            var n = Interlocked.Increment(ref sequence);
            builder.Append(CultureInfo.InvariantCulture,
                $$$"""{"type":"track","userId":"load-{{{n % options.Customers}}}","event":"{{{options.Event}}}","messageId":"load-{{{Environment.ProcessId}}}-{{{n}}}","properties":{"product":"p{{{n % 97}}}","price":{{{n % 50}}}.5,"cart":"c{{{n % options.Customers}}}"}}""");
            builder.Append(i + 1 < options.Batch ? ',' : ']');
        }

        return builder.Append('}').ToString();
    }
}

/// <summary>The figures of a run.</summary>
internal sealed record LoadResult(TimeSpan Elapsed, double[] Latencies, int Failures, int Batch)
{
    public string Describe(LoadOptions options)
    {
        var requests = Latencies.Length;
        var events = (long)(requests - Failures) * Batch;
        return string.Create(CultureInfo.InvariantCulture,
            $"{options.Path}: {requests:N0} requests ({Failures:N0} failed), {events:N0} events in {Elapsed.TotalSeconds:0.0} s over {options.Connections} connections: " +
            $"{events / Elapsed.TotalSeconds:N0} events/s, {requests / Elapsed.TotalSeconds:N0} requests/s, ack latency p50 {Percentile(0.50):0.0} ms, p99 {Percentile(0.99):0.0} ms");
    }

    private double Percentile(double p) => Latencies.Length == 0 ? 0 : Latencies[Math.Min(Latencies.Length - 1, (int)(p * Latencies.Length))];
}
