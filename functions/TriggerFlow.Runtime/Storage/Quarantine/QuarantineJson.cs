using System.Text.Json;
using TriggerFlow.Input;
using TriggerFlow.Runtime.Ingestion.Quarantine;

namespace TriggerFlow.Runtime.Storage.Quarantine;

/// <summary>How the stores write an entry's errors and (in Redis) its other fields: camel-case JSON, as the API answers.</summary>
internal static class QuarantineJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static string Errors(IReadOnlyList<FieldError> errors) => JsonSerializer.Serialize(errors, Options);

    public static IReadOnlyList<FieldError> Errors(string json) => JsonSerializer.Deserialize<List<FieldError>>(json, Options) ?? [];

    /// <summary>An entry without its sequence and posted JSON, which Redis keeps apart.</summary>
    public static string Meta(QuarantineEntry entry) => JsonSerializer.Serialize(entry with { Sequence = 0, RawJson = null }, Options);

    public static QuarantineEntry Meta(string json, long sequence, string? raw) =>
        (JsonSerializer.Deserialize<QuarantineEntry>(json, Options) ?? throw new JsonException("an empty quarantine entry")) with { Sequence = sequence, RawJson = raw };
}
