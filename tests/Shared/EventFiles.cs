using System.Text.Json;
using TriggerFlow.Engine.Tests.Support;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Simulation.Input;

namespace TriggerFlow.Testing;

/// <summary>Events files for tests: written to a temporary folder, read with the real catalog.</summary>
internal sealed class EventFiles : IDisposable
{
    private static readonly Lazy<EventCatalog> RealCatalog = new(() =>
        CatalogLoader.Load("rules/catalog.yaml", File.ReadAllText(Path.Combine(Rules.RulesFolder, "catalog.yaml"))).Catalog);

    public EventFiles() => Folder = Directory.CreateTempSubdirectory("triggerflow-backtest-").FullName;

    public string Folder { get; }

    public static EventCatalog Catalog => RealCatalog.Value;

    public static string RepositoryRoot => Path.GetDirectoryName(Rules.RulesFolder)!;

    /// <summary>Segment's HTTP API examples, copied from the shared vectors so the tests need nothing outside the repository.</summary>
    public static string SegmentVector(string name) =>
        Path.Combine(RepositoryRoot, "tests", "TriggerFlow.Simulation.Tests", "Input", "Vectors", name);

    /// <summary>A vector file's pretty-printed JSON as one JSON line.</summary>
    public static string Compact(string vectorName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SegmentVector(vectorName)));
        return JsonSerializer.Serialize(document.RootElement);
    }

    public string Write(string name, params string[] lines)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    public EventFile Open(string path, EventFileOptions? options = null)
    {
        if (!EventFile.TryOpen(path, Catalog, options ?? new EventFileOptions(), out var file, out var error))
        {
            throw new InvalidOperationException(error);
        }

        return file;
    }

    /// <summary>Every record the file yields, in arrival order.</summary>
    public List<SourceRecord> Read(string path, EventFileOptions? options = null)
    {
        using var file = Open(path, options);
        return [.. file.Records()];
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
