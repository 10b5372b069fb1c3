using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TriggerFlow.Testing;

namespace TriggerFlow.Runtime.Tests.EndToEnd;

/// <summary>
/// The host as operators run it: <c>dotnet TriggerFlow.Runtime.dll</c> in its own process, started
/// in a <see cref="HostFolder"/> (which holds its <c>host.json</c>), with environment variables for
/// anything else. Killing it is a SIGKILL: no shutdown code runs.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private static readonly Lock LogLock = new();
    private readonly Process _process;
    private readonly HttpClient _admin;

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        // A busy machine may answer slowly; the timeout is only there so that a host that never answers fails the test.
        _admin = new HttpClient { BaseAddress = address, Timeout = HangGuard.EndToEndLimit };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dev-admin-key-change-me");
    }

    public Uri Address { get; }

    /// <param name="arguments">The host's command line, given the address it must answer on (the default answers there through ASPNETCORE_URLS).</param>
    public static async Task<HostProcess> StartAsync(
        HostFolder folder, IReadOnlyDictionary<string, string>? environment = null, Func<Uri, IEnumerable<string>>? arguments = null)
    {
        var address = new Uri($"http://127.0.0.1:{HostFolder.FreePort()}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RuntimeAssembly());
        foreach (var argument in arguments?.Invoke(address) ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var log = Path.Combine(folder.Root, $"host-{process.Id}.log");
        _ = Drain(process.StandardOutput, log);
        _ = Drain(process.StandardError, log);
        var host = new HostProcess(process, address);
        await host.WaitUntilReadyAsync(log);
        return host;
    }

    /// <summary>SIGKILL, like a crashed machine: nothing is flushed, no grain deactivates.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task<JsonElement> CustomerAsync(string id) =>
        await _admin.GetFromJsonAsync<JsonElement>($"/api/customers/{Uri.EscapeDataString(id)}");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        _admin.Dispose();
        await Task.CompletedTask;
    }

    /// <summary>
    /// The built host next to this test assembly: the test project references it, so the build
    /// copies it (with its runtimeconfig) into the test output.
    /// </summary>
    public static string RuntimeAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TriggerFlow.Runtime.dll");
        return File.Exists(Path.Combine(AppContext.BaseDirectory, "TriggerFlow.Runtime.runtimeconfig.json"))
            ? path
            : throw new InvalidOperationException($"no runnable TriggerFlow.Runtime.dll (with its runtimeconfig.json) in {AppContext.BaseDirectory}");
    }

    private static async Task Drain(StreamReader output, string log)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            lock (LogLock)
            {
                File.AppendAllText(log, line + Environment.NewLine);
            }
        }
    }

    private async Task WaitUntilReadyAsync(string log)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < HangGuard.EndToEndLimit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with {_process.ExitCode}:\n{ReadLog(log)}");
            }

            try
            {
                using var response = await _admin.GetAsync("/readyz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the host was not ready within {HangGuard.EndToEndLimit.TotalSeconds:0}s:\n{ReadLog(log)}");
    }

    private static string ReadLog(string log) => File.Exists(log) ? File.ReadAllText(log) : "(no output)";
}
