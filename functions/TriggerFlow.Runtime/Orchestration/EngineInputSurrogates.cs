using System.Text.Json;
using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Runtime.Storage.Json;

namespace TriggerFlow.Runtime.Orchestration;

/// <summary>
/// How the engine's inputs cross between silos. The engine knows nothing of Orleans, so its input
/// records have no serializer attributes; these surrogates carry their fields, with the typed
/// property and trait values in the storage JSON shape, which gives back each value's exact type
/// (<see cref="TypedValueJsonConverter"/>). Within one silo inputs are handed over as they are.
/// </summary>
internal static class EngineInputSurrogates
{
    public static string Values<T>(IReadOnlyDictionary<string, T> values) => JsonSerializer.Serialize(values, StorageJson.Options);

    public static Dictionary<string, T> Values<T>(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, T>>(json, StorageJson.Options) ?? [];
}

[GenerateSerializer]
[Alias("TriggerFlow.Runtime.EventInputSurrogate")]
internal struct EventInputSurrogate
{
    [Id(0)] public string MessageId;
    [Id(1)] public string Name;
    [Id(2)] public string Properties;
    [Id(3)] public long EventTimeTicks;
    [Id(4)] public long ArrivalTimeTicks;
}

[RegisterConverter]
internal sealed class EventInputConverter : IConverter<EventInput, EventInputSurrogate>
{
    public EventInput ConvertFromSurrogate(in EventInputSurrogate surrogate) => new(
        surrogate.MessageId,
        surrogate.Name,
        PropertyMap.From(EngineInputSurrogates.Values<object?>(surrogate.Properties)),
        Instant.FromUnixTimeTicks(surrogate.EventTimeTicks),
        Instant.FromUnixTimeTicks(surrogate.ArrivalTimeTicks));

    public EventInputSurrogate ConvertToSurrogate(in EventInput value) => new()
    {
        MessageId = value.MessageId,
        Name = value.Name,
        Properties = EngineInputSurrogates.Values(value.Properties),
        EventTimeTicks = value.EventTime.ToUnixTimeTicks(),
        ArrivalTimeTicks = value.ArrivalTime.ToUnixTimeTicks(),
    };
}

[GenerateSerializer]
[Alias("TriggerFlow.Runtime.ProfileInputSurrogate")]
internal struct ProfileInputSurrogate
{
    [Id(0)] public string? MessageId;
    [Id(1)] public string Traits;
    [Id(2)] public string Consent;
    [Id(3)] public long ArrivalTimeTicks;
}

[RegisterConverter]
internal sealed class ProfileInputConverter : IConverter<ProfileInput, ProfileInputSurrogate>
{
    public ProfileInput ConvertFromSurrogate(in ProfileInputSurrogate surrogate) => new(
        surrogate.MessageId,
        EngineInputSurrogates.Values<object?>(surrogate.Traits),
        EngineInputSurrogates.Values<bool>(surrogate.Consent),
        Instant.FromUnixTimeTicks(surrogate.ArrivalTimeTicks));

    public ProfileInputSurrogate ConvertToSurrogate(in ProfileInput value) => new()
    {
        MessageId = value.MessageId,
        Traits = EngineInputSurrogates.Values(value.Traits),
        Consent = EngineInputSurrogates.Values(value.Consent),
        ArrivalTimeTicks = value.ArrivalTime.ToUnixTimeTicks(),
    };
}
