using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json.Nodes;

namespace TriggerFlow.Runtime.Tests.EndToEnd;

/// <summary>
/// A temporary folder laid out like a deployment: a <c>host.json</c> (the repository's, with this
/// test's data folder, rules folder and free silo ports) and the data folder the host writes to.
/// Hosts started from it, one after another, share its data: that is what a restart test needs.
/// </summary>
internal sealed class HostFolder : IDisposable
{
    public HostFolder(string? rulesFolder = null, Action<JsonObject>? settings = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "triggerflow-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        RulesFolder = rulesFolder ?? Path.Combine(RepositoryRoot, "rules");
        Settings = settings;
        WriteHostJson(FreePort(), FreePort());
    }

    public static string RepositoryRoot { get; } =
        typeof(HostFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;

    public string Root { get; }

    public string DataDir => Path.Combine(Root, "data");

    public string RulesFolder { get; }

    private Action<JsonObject>? Settings { get; }

    /// <summary>The lines of the file channel's file for <paramref name="channel"/>, parsed; a torn last line is left out.</summary>
    public IReadOnlyList<JsonObject> Sent(string channel)
    {
        var path = Path.Combine(DataDir, "outbox", channel + ".jsonl");
        if (!File.Exists(path))
        {
            return [];
        }

        var lines = new List<JsonObject>();
        foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0))
        {
            try
            {
                lines.Add(JsonNode.Parse(line)!.AsObject());
            }
            catch (System.Text.Json.JsonException)
            {
                // A line torn by a SIGKILL mid-write; the channel writes the message again whole.
            }
        }

        return lines;
    }

    /// <summary>New silo ports for the next host, so a restarted host never waits for the old one's sockets.</summary>
    public void NewPorts() => WriteHostJson(FreePort(), FreePort());

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child process may still hold a file for a moment; the folder is in the temp area.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WriteHostJson(int siloPort, int gatewayPort)
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "host.json")))!.AsObject();
        var triggerFlow = host["TriggerFlow"]!.AsObject();
        triggerFlow["DataDir"] = DataDir;
        triggerFlow["RulesFolder"] = RulesFolder;
        triggerFlow["SiloPort"] = siloPort;
        triggerFlow["GatewayPort"] = gatewayPort;
        triggerFlow["ClusterId"] = "e2e-" + Path.GetFileName(Root);
        Settings?.Invoke(triggerFlow);
        File.WriteAllText(Path.Combine(Root, "host.json"), host.ToJsonString());
    }
}
