using Orleans.Storage;

namespace TriggerFlow.Runtime.Storage.Json;

/// <summary>
/// Grain state as <see cref="StorageJson"/> JSON, for the SQLite store and for Orleans' Redis store
/// alike, so state moves between them unchanged and stays readable with any JSON tool.
/// </summary>
internal sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input, StorageJson.Options);

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.ToObjectFromJson<T>(StorageJson.Options);
    }
}
