using System.Diagnostics;
using System.Reflection;

namespace TriggerFlow.Runtime.Tests.Peers;

/// <summary>
/// The real Node.js clients in <c>tests/peers/node</c>, installed by <c>scripts/node-peers.sh</c> at
/// the versions its package-lock.json pins (Node and npm come from apt when missing). If they cannot
/// be installed the test fails with the script's message: these clients are what sources run, so
/// their tests never skip.
/// </summary>
internal static class NodePeers
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);
    private static readonly SemaphoreSlim InstallOnce = new(1, 1);
    private static string? _folder;

    /// <summary>The folder holding package.json, the scripts and the installed node_modules.</summary>
    public static async Task<string> FolderAsync()
    {
        await InstallOnce.WaitAsync();
        try
        {
            if (_folder is null)
            {
                var (exitCode, output, error) = await RunAsync("bash", RepositoryRoot(), InstallTimeout, Path.Combine(RepositoryRoot(), "scripts", "node-peers.sh"), "install");
                if (exitCode != 0 || !Directory.Exists(output.Trim()))
                {
                    throw new InvalidOperationException($"scripts/node-peers.sh install failed (exit {exitCode}); the Node peers are required for these tests:\n{error}");
                }

                _folder = output.Trim();
            }

            return _folder;
        }
        finally
        {
            InstallOnce.Release();
        }
    }

    /// <summary>Runs <c>node SCRIPT ARGS…</c> in the peers' folder.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> NodeAsync(string script, params string[] arguments)
    {
        var folder = await FolderAsync();
        return await RunAsync("node", folder, ScriptTimeout, [Path.Combine(folder, script), .. arguments]);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string workingDirectory, TimeSpan hangGuard, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(hangGuard);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{program} {string.Join(' ', arguments)}` did not finish within {hangGuard.TotalSeconds:0}s:\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    private static string RepositoryRoot() =>
        typeof(NodePeers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;
}
