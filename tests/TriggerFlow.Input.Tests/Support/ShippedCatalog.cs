using System.Reflection;
using System.Text.Json;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Input.Tests.Support;

/// <summary>The catalog shipped in rules/catalog.yaml, which maps Segment's e-commerce spec; and calls parsed for the mappers.</summary>
internal static class ShippedCatalog
{
    private static readonly string RepositoryRoot = typeof(ShippedCatalog).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;

    public static EventCatalog Catalog { get; } =
        CatalogLoader.Load("rules/catalog.yaml", File.ReadAllText(Path.Combine(RepositoryRoot, "rules", "catalog.yaml"))).Catalog;

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
