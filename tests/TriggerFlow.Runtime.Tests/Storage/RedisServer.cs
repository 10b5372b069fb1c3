using System.Diagnostics;
using System.Reflection;

namespace TriggerFlow.Runtime.Tests.Storage;

/// <summary>
/// A private Redis started by <c>scripts/redis.sh</c> (which installs redis-server with apt when
/// missing). If Redis cannot be installed or started the test fails with the script's message:
/// the cluster storage is part of the product, so its tests never skip.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var (exitCode, output, error) = await RunScriptAsync("start");
        if (exitCode != 0 || !int.TryParse(output.Trim(), out var port))
        {
            throw new InvalidOperationException($"scripts/redis.sh start failed (exit {exitCode}); Redis is required for these tests:\n{error}");
        }

        return new RedisServer(port);
    }

    public async ValueTask DisposeAsync() => await RunScriptAsync("stop", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "redis.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not run bash");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static string RepositoryRoot() =>
        typeof(RedisServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;
}
