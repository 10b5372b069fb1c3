using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TriggerFlow.Cli.Commands;

/// <summary>
/// The running TriggerFlow host, as <c>deploy</c>, <c>rollback</c> and <c>status</c> reach it: its
/// URL, the admin key, and one HTTP call with a timeout. Every way the call can fail becomes a
/// sentence on stderr, never a stack trace.
/// </summary>
internal sealed class AdminHost : IDisposable
{
    /// <summary>The environment variable read when <c>--key</c> is not given.</summary>
    public const string KeyVariable = "TRIGGERFLOW_ADMIN_KEY";

    /// <summary>Header telling the host who deploys, for its history; the admin key names nobody.</summary>
    public const string DeployedByHeader = "X-TriggerFlow-Deployed-By";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly CliContext _context;

    private AdminHost(HttpClient http, CliContext context)
    {
        _http = http;
        _context = context;
    }

    /// <summary>The options every host command takes.</summary>
    internal sealed record Options(Option<string> To, Option<string?> Key, Option<int> Timeout)
    {
        public static Options Create() => new(
            new Option<string>("--to") { Description = "The host's base URL, e.g. http://127.0.0.1:5080.", Required = true },
            new Option<string?>("--key") { Description = $"The admin key (default: the {KeyVariable} environment variable)." },
            new Option<int>("--timeout") { Description = "Seconds to wait for the host (default: 30).", DefaultValueFactory = _ => 30 });

        public void AddTo(Command command)
        {
            command.Options.Add(To);
            command.Options.Add(Key);
            command.Options.Add(Timeout);
        }
    }

    /// <summary>A client for the host the options name; false, with the reason on stderr, when they are unusable.</summary>
    public static bool TryCreate(CliContext context, ParseResult parsed, Options options, out AdminHost? host)
    {
        host = null;
        var to = parsed.GetValue(options.To)!;
        if (!Uri.TryCreate(to, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            context.Error.WriteLine($"error: --to `{to}` is not an http:// or https:// URL");
            return false;
        }

        var key = parsed.GetValue(options.Key) ?? Environment.GetEnvironmentVariable(KeyVariable);
        if (string.IsNullOrEmpty(key))
        {
            context.Error.WriteLine($"error: no admin key: pass --key or set {KeyVariable}");
            return false;
        }

        var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(Math.Max(1, parsed.GetValue(options.Timeout))) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        http.DefaultRequestHeaders.Add(DeployedByHeader, $"{Environment.UserName}@{Environment.MachineName} (triggerflow cli)");
        host = new AdminHost(http, context);
        return true;
    }

    /// <summary>
    /// One admin request: connects as the options say, sends, and hands the answer to
    /// <paramref name="interpret"/>; usage and connection problems are reported here (exit 2).
    /// </summary>
    public static async Task<int> ExchangeAsync(
        CliContext context,
        ParseResult parsed,
        Options options,
        HttpMethod method,
        string path,
        object? body,
        Func<AdminHost, HostAnswer, int> interpret,
        CancellationToken cancellationToken)
    {
        if (!TryCreate(context, parsed, options, out var host))
        {
            return ExitCodes.UsageOrIoError;
        }

        using (host)
        {
            var answer = await host!.SendAsync(method, path, body, cancellationToken);
            return answer is null ? ExitCodes.UsageOrIoError : interpret(host, answer);
        }
    }

    /// <summary>The host's answer; null when it could not be reached (already reported).</summary>
    public async Task<HostAnswer?> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent(body);
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            return new HostAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException e)
        {
            _context.Error.WriteLine($"error: cannot reach the host at {_http.BaseAddress}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _context.Error.WriteLine($"error: the host at {_http.BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s");
        }

        return null;
    }

    /// <summary>Reports an answer no command expects (401, 413, 5xx, …) and returns the exit code for it.</summary>
    public int ReportUnexpected(HostAnswer answer)
    {
        var problem = answer.Read<Problem>();
        var what = answer.Status == HttpStatusCode.Unauthorized ? "the host refused the admin key" : "the host refused the request";
        _context.Error.WriteLine($"error: {what} ({(int)answer.Status}): {problem?.Title ?? answer.Body}");
        if (problem?.Detail is { Length: > 0 } detail)
        {
            _context.Error.WriteLine(detail);
        }

        return ExitCodes.UsageOrIoError;
    }

    public void Dispose() => _http.Dispose();

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, Json), System.Text.Encoding.UTF8, "application/json");

    /// <summary>RFC 9457 problem details, as far as the CLI shows them; <c>text</c> carries rendered diagnostics.</summary>
    internal sealed record Problem(string? Title, string? Detail, string? Text);
}

/// <summary>A status code and body from the host.</summary>
internal sealed record HostAnswer(HttpStatusCode Status, string Body)
{
    /// <summary>The body as <typeparamref name="T"/>; null when it is not that JSON.</summary>
    public T? Read<T>()
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Body, AdminHost.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
