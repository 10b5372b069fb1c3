using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TriggerFlow.LoadGen;

// Posts Segment batches over HTTP/1.1 keep-alive connections and reports events/s and ack latency.
if (args.Any(a => a is "--help" or "-h"))
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}

var options = LoadOptions.Parse(args);
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var http = new HttpClient(handler) { BaseAddress = options.Url, DefaultRequestVersion = HttpVersion.Version11, Timeout = TimeSpan.FromSeconds(60) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Key + ":")));

var run = new LoadRun(http, options);
try
{
    await run.WarmUpAsync();
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"error: cannot reach {options.Url}: {e.Message}; start the host first (see docs/benchmarks.md)");
    return 2;
}

var result = await run.RunAsync();
Console.WriteLine(result.Describe(options));
return result.Failures == 0 ? 0 : 1;
