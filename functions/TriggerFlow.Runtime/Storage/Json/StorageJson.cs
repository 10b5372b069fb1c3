using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace TriggerFlow.Runtime.Storage.Json;

/// <summary>
/// The one JSON shape of stored state, whichever store holds it. It never writes .NET type names,
/// so renaming or moving a state class does not orphan what is already stored; enums are stored by
/// name so reordering members does not change their meaning.
/// </summary>
internal static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        };
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

        // The same text as NodaTime's instant converter, written without its detour through a string.
        options.Converters.Insert(0, new InstantJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new TypedValueJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
