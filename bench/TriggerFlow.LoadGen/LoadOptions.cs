using System.Globalization;

namespace TriggerFlow.LoadGen;

/// <summary>
/// What to send: <c>--url http://127.0.0.1:5000 --path /v1/batch --key dev-write-key --connections 8
/// --seconds 10 --requests 0 --batch 100 --customers 10000 --event "added to cart"</c>. Stops at
/// whichever of <c>--seconds</c> and <c>--requests</c> (0: no count limit) comes first.
/// </summary>
internal sealed record LoadOptions(Uri Url, string Path, string Key, int Connections, TimeSpan Duration, long Requests, int Batch, int Customers, string Event)
{
    public const string Usage = """
        usage: TriggerFlow.LoadGen [--url http://127.0.0.1:5000] [--path /v1/batch] [--key dev-write-key]
                                   [--connections 8] [--seconds 10] [--requests 0] [--batch 100]
                                   [--customers 10000] [--event "added to cart"]
        Posts Segment batches to a TriggerFlow host on this machine (loopback only) and reports
        events/s and acknowledgement latency. Stops at --seconds or --requests (0: no count limit).
        """;

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var options = new LoadOptions(
            new Uri(Get("url", "http://127.0.0.1:5000")),
            Get("path", "/v1/batch"),
            Get("key", "dev-write-key"),
            Math.Clamp(Int("connections", 8), 1, 256),
            TimeSpan.FromSeconds(Math.Clamp(Int("seconds", 10), 1, 600)),
            long.Parse(Get("requests", "0"), CultureInfo.InvariantCulture),
            Math.Clamp(Int("batch", 100), 1, 2_500),
            Math.Max(1, Int("customers", 10_000)),
            Get("event", "added to cart"));

        // A load generator aimed elsewhere is an attack tool; this one only measures a local host.
        return options.Url.IsLoopback ? options : throw new ArgumentException($"--url must be a loopback address, not {options.Url.Host}");
    }
}
