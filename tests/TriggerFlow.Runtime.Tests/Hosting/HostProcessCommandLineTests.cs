using System.Diagnostics;
using TriggerFlow.Runtime.Storage.Sqlite;
using TriggerFlow.Runtime.Tests.EndToEnd;

namespace TriggerFlow.Runtime.Tests.Hosting;

/// <summary>The built host started as operators start it, with a command line.</summary>
public sealed class HostProcessCommandLineTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Data_dir_puts_the_data_there_and_nothing_in_the_default_folder()
    {
        // host.json without DataDir: the default (./.triggerflow under the working folder) is what --data-dir must replace.
        using var folder = new HostFolder(settings: s => s.Remove("DataDir"));
        var dataDir = Path.Combine(folder.Root, "elsewhere", "data");

        await using (var host = await HostProcess.StartAsync(folder, arguments: _ => ["--data-dir", dataDir]))
        {
            using var source = new HttpClient { BaseAddress = host.Address };
            source.DefaultRequestHeaders.Authorization = TriggerFlow.Runtime.Tests.Ingestion.IngestionHost.Basic("dev-write-key");
            using var identify = new StringContent("""{"userId":"user-1","traits":{"email":"user-1@example.com"}}""", System.Text.Encoding.UTF8, "application/json");
            (await source.PostAsync("/v1/identify", identify)).EnsureSuccessStatusCode();
            Assert.Equal("user-1", (await host.CustomerAsync("user-1")).GetProperty("customerId").GetString());
        }

        Assert.True(File.Exists(Path.Combine(dataDir, SqliteDatabase.FileName)), $"no {SqliteDatabase.FileName} in {dataDir}");
        Assert.False(Directory.Exists(Path.Combine(folder.Root, ".triggerflow")), "the host wrote to ./.triggerflow despite --data-dir");
    }

    [Fact]
    public async Task Urls_and_data_dir_override_the_environment_and_host_json()
    {
        using var folder = new HostFolder();
        var dataDir = Path.Combine(folder.Root, "from-command-line");
        var elsewhere = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{HostFolder.FreePort()}",
            ["TriggerFlow__DataDir"] = Path.Combine(folder.Root, "from-environment"),
        };

        // The host must answer on the command line's address: HostProcess waits for /readyz there.
        await using (await HostProcess.StartAsync(folder, elsewhere, address => ["--urls", address.ToString(), "--data-dir", dataDir]))
        {
        }

        Assert.True(File.Exists(Path.Combine(dataDir, SqliteDatabase.FileName)));
        Assert.False(Directory.Exists(Path.Combine(folder.Root, "from-environment")));
        Assert.False(Directory.Exists(folder.DataDir), "host.json's DataDir was used despite --data-dir");
    }

    [Fact]
    public async Task An_unknown_option_exits_2_with_the_options_before_anything_starts()
    {
        using var folder = new HostFolder(settings: s => s.Remove("DataDir"));

        var (exitCode, output, error) = await RunAsync(folder.Root, "--data-dir", Path.Combine(folder.Root, "data"), "--foo");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith("triggerflow host: unknown option `--foo`\ntriggerflow host: options are --data-dir DIR, --urls URLS,", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Root, "data")));
        Assert.False(Directory.Exists(Path.Combine(folder.Root, ".triggerflow")));
    }

    [Fact]
    public async Task Data_dir_without_a_value_exits_2()
    {
        using var folder = new HostFolder(settings: s => s.Remove("DataDir"));

        var (exitCode, _, error) = await RunAsync(folder.Root, "--data-dir");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("triggerflow host: `--data-dir` needs a value: --data-dir DIR", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Root, ".triggerflow")));
    }

    [Fact]
    public async Task Environment_and_content_root_are_honoured()
    {
        // Started from an empty folder: only --content-root leads to the host.json holding the development keys,
        // and only --environment Production makes the host refuse them.
        using var folder = new HostFolder();
        var elsewhere = Directory.CreateTempSubdirectory("triggerflow-cwd-").FullName;
        try
        {
            var (exitCode, _, error) = await RunAsync(elsewhere, "--content-root", folder.Root, "--environment", "Production");

            Assert.NotEqual(0, exitCode);
            Assert.Contains("TriggerFlow:AdminKey is the development key from host.json", error, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task Help_lists_the_options_and_exits_0()
    {
        using var folder = new HostFolder();

        var (exitCode, output, error) = await RunAsync(folder.Root, "--help");

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains("--data-dir DIR", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.DataDir));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(HostProcess.RuntimeAssembly());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{HostFolder.FreePort()}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var hangGuard = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(hangGuard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the host did not exit within {ExitTimeout.TotalSeconds:0}s: it started instead of refusing its command line");
        }

        return (process.ExitCode, (await output).Replace("\r\n", "\n", StringComparison.Ordinal), (await error).Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
