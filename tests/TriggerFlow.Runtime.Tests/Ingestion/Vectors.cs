using System.Reflection;
using System.Text.Json.Nodes;

namespace TriggerFlow.Runtime.Tests.Ingestion;

/// <summary>
/// The published vectors in <c>Ingestion/Vectors</c>: Segment's HTTP Tracking API examples
/// (segmentio/segment-docs, CC BY 4.0) and the CloudEvents spec's examples (cloudevents/spec, Apache-2.0).
/// </summary>
internal static class Vectors
{
    private static readonly string Folder = Path.Combine(
        typeof(Vectors).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "tests", "TriggerFlow.Runtime.Tests", "Ingestion", "Vectors");

    public static string Segment(string name) => File.ReadAllText(Path.Combine(Folder, "segment", name));

    public static string CloudEvent(string name) => File.ReadAllText(Path.Combine(Folder, "cloudevents", name));

    /// <summary>A vector with fields set or replaced, for the cases the vector alone cannot show (it names no customer).</summary>
    public static string With(string json, params (string Name, JsonNode? Value)[] fields)
    {
        var node = JsonNode.Parse(json)!;
        foreach (var target in node is JsonArray array ? array.Select(n => n!.AsObject()) : [node.AsObject()])
        {
            foreach (var (name, value) in fields)
            {
                target[name] = value?.DeepClone();
            }
        }

        return node.ToJsonString();
    }

    /// <summary>A binary-mode HTTP example: its headers and its body, split at the first empty line.</summary>
    public static (IReadOnlyList<(string Name, string Value)> Headers, string Body) BinaryHttp(string name)
    {
        var text = CloudEvent(name);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = text[..split].Split('\n').Select(l => l.Split(':', 2)).Select(p => (p[0].Trim(), p[1].Trim())).ToArray();
        return (headers, text[(split + 2)..].TrimEnd('\n'));
    }
}
