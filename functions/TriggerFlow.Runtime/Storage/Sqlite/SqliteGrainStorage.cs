using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace TriggerFlow.Runtime.Storage.Sqlite;

/// <summary>
/// Grain state in the embedded SQLite file, one row per (state name, grain). Optimistic concurrency
/// by ETag: a write or clear that does not carry the stored row's ETag (none for a row that does
/// not exist) changes nothing and throws <see cref="InconsistentStateException"/>. Each ETag is new
/// (a GUID), so a row deleted and written again never reuses an ETag a stale activation may hold.
/// </summary>
internal sealed class SqliteGrainStorage(string name, SqliteDatabase database, IGrainStorageSerializer serializer, IActivatorProvider activators) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        using var connection = database.OpenConnection();
        using var command = connection.Command(
            "SELECT etag, data FROM grain_state WHERE state_name = $state AND grain_id = $grain",
            ("$state", stateName), ("$grain", grainId.ToString()));
        using var reader = command.ExecuteReader();
        if (reader.Read())
        {
            grainState.ETag = reader.GetString(0);
            grainState.State = serializer.Deserialize<T>(new BinaryData(reader.GetFieldValue<byte[]>(1)))!;
            grainState.RecordExists = true;
        }
        else
        {
            Reset(grainState);
        }

        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);

        // Serialising before queueing keeps the single writer busy only with SQL.
        var data = Bytes(serializer.Serialize(grainState.State));
        var key = (stateName, grainId.ToString());
        var expected = grainState.ETag;
        var next = NewETag();
        var conflict = await database.Writer.Enqueue(transaction => Write(transaction, key, expected, next, data)).ConfigureAwait(false);
        ThrowIfConflict(conflict, nameof(WriteStateAsync), stateName, grainId, expected);
        grainState.ETag = next;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = (stateName, grainId.ToString());
        var expected = grainState.ETag;
        var conflict = await database.Writer.Enqueue(transaction => Delete(transaction, key, expected)).ConfigureAwait(false);
        ThrowIfConflict(conflict, nameof(ClearStateAsync), stateName, grainId, expected);
        Reset(grainState);
    }

    /// <summary>Null when written; else the conflict (the stored ETag, or none).</summary>
    private static Conflict? Write(SqliteTransaction transaction, (string State, string Grain) key, string? expected, string next, byte[] data)
    {
        var written = expected is null
            ? transaction.Execute(
                "INSERT INTO grain_state (state_name, grain_id, etag, data) VALUES ($state, $grain, $next, $data) ON CONFLICT DO NOTHING",
                ("$state", key.State), ("$grain", key.Grain), ("$next", next), ("$data", data))
            : transaction.Execute(
                "UPDATE grain_state SET etag = $next, data = $data WHERE state_name = $state AND grain_id = $grain AND etag = $expected",
                ("$state", key.State), ("$grain", key.Grain), ("$next", next), ("$data", data), ("$expected", expected));
        return written == 1 ? null : new Conflict(StoredETag(transaction, key));
    }

    private static Conflict? Delete(SqliteTransaction transaction, (string State, string Grain) key, string? expected)
    {
        var stored = StoredETag(transaction, key);
        if (stored != expected)
        {
            // Clearing a row that does not exist, holding no ETag, is a no-op and not a conflict.
            return new Conflict(stored);
        }

        transaction.Execute(
            "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain",
            ("$state", key.State), ("$grain", key.Grain));
        return null;
    }

    private static string? StoredETag(SqliteTransaction transaction, (string State, string Grain) key) =>
        transaction.Scalar(
            "SELECT etag FROM grain_state WHERE state_name = $state AND grain_id = $grain",
            ("$state", key.State), ("$grain", key.Grain)) as string;

    private void ThrowIfConflict(Conflict? conflict, string operation, string stateName, GrainId grainId, string? expected)
    {
        if (conflict is { } c)
        {
            throw new InconsistentStateException(
                $"{operation} of `{stateName}` for {grainId} in storage `{name}` was refused: the stored ETag is {c.StoredETag ?? "none (no record)"}, the grain holds {expected ?? "none"}",
                c.StoredETag,
                expected);
        }
    }

    private void Reset<T>(IGrainState<T> grainState)
    {
        grainState.ETag = null;
        grainState.State = activators.GetActivator<T>().Create();
        grainState.RecordExists = false;
    }

    /// <summary>The serialised bytes as an array, without a copy when the serializer made an exact one (it usually does).</summary>
    private static byte[] Bytes(BinaryData data) =>
        MemoryMarshal.TryGetArray(data.ToMemory(), out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private readonly record struct Conflict(string? StoredETag);
}
