using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace TriggerFlow.Engine.State;

/// <summary>
/// The message ids a customer has already applied, with their times, for deduplication. Kept
/// compact because every customer has one: each id is stored as its 64-bit XxHash3 (of its UTF-16
/// code units) beside its time, 16 bytes an entry in one array sorted by hash, instead of the id
/// string and a dictionary entry. Two different ids of one customer share a hash with odds of
/// about n²/2⁶⁵ for n ids in the dedupe horizon — for 10,000 ids, one in 3.7·10¹¹ — and a
/// collision would drop the second event as a retry, nothing worse.
/// Persisted as a JSON object of 16-hex-digit hashes to instants.
/// </summary>
[JsonConverter(typeof(MessageIdsJsonConverter))]
public sealed class MessageIds
{
    private Entry[] _entries = [];
    private int _count;
    private Instant _oldest = Instant.MaxValue;

    public int Count => _count;

    /// <summary>A set holding <paramref name="ids"/> (message id and the time it was applied).</summary>
    public static MessageIds From(IEnumerable<KeyValuePair<string, Instant>> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var set = new MessageIds();
        foreach (var (id, at) in ids)
        {
            set.TryAdd(id, at);
        }

        return set;
    }

    /// <summary>Remembers <paramref name="messageId"/> applied at <paramref name="at"/>; false when it is already known.</summary>
    public bool TryAdd(string messageId, Instant at)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        return TryAddHash(Hash(messageId), at);
    }

    public bool Contains(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        return Find(Hash(messageId)) >= 0;
    }

    /// <summary>Forgets every id applied before <paramref name="horizon"/>.</summary>
    public void RemoveOlderThan(Instant horizon)
    {
        if (_oldest >= horizon)
        {
            return;
        }

        var kept = 0;
        var oldest = Instant.MaxValue;
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[i];
            if (entry.At >= horizon)
            {
                _entries[kept++] = entry;
                oldest = entry.At < oldest ? entry.At : oldest;
            }
        }

        Array.Clear(_entries, kept, _count - kept);
        _count = kept;
        _oldest = oldest;
    }

    /// <summary>Adds every id of <paramref name="other"/> not known here (an identity merge).</summary>
    public void AddFrom(MessageIds other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < other._count; i++)
        {
            TryAddHash(other._entries[i].Hash, other._entries[i].At);
        }
    }

    /// <summary>The stored hashes and times, in hash order.</summary>
    public IEnumerable<(ulong Hash, Instant At)> Entries()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return (_entries[i].Hash, _entries[i].At);
        }
    }

    /// <summary>The key a message id is stored under in the persisted JSON: its hash in 16 hexadecimal digits.</summary>
    public static string StoredKey(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        return Hash(messageId).ToString("x16", CultureInfo.InvariantCulture);
    }

    internal static ulong Hash(string messageId) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(messageId.AsSpan()));

    internal bool TryAddHash(ulong hash, Instant at)
    {
        var index = Find(hash);
        if (index >= 0)
        {
            return false;
        }

        index = ~index;
        if (_count == _entries.Length)
        {
            // Small steps while small: most customers keep a few ids, and each entry is 16 bytes.
            Array.Resize(ref _entries, _count < 8 ? _count + 2 : _count + (_count / 2));
        }

        Array.Copy(_entries, index, _entries, index + 1, _count - index);
        _entries[index] = new Entry(hash, at);
        _count++;
        _oldest = at < _oldest ? at : _oldest;
        return true;
    }

    private int Find(ulong hash)
    {
        int low = 0, high = _count - 1;
        while (low <= high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            var found = _entries[middle].Hash;
            if (found == hash)
            {
                return middle;
            }

            if (found < hash)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    private readonly record struct Entry(ulong Hash, Instant At);
}

/// <summary>Writes a <see cref="MessageIds"/> as <c>{"0123456789abcdef": instant, …}</c> and reads it back.</summary>
public sealed class MessageIdsJsonConverter : JsonConverter<MessageIds>
{
    public override MessageIds Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("message ids: expected an object of hashes to instants");
        }

        var ids = new MessageIds();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString();
            if (key is not { Length: 16 } || !ulong.TryParse(key, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hash))
            {
                throw new JsonException($"message ids: `{key}` is not a 16-digit hexadecimal hash");
            }

            reader.Read();
            ids.TryAddHash(hash, JsonSerializer.Deserialize<Instant>(ref reader, options));
        }

        return ids;
    }

    public override void Write(Utf8JsonWriter writer, MessageIds value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (hash, at) in value.Entries())
        {
            writer.WritePropertyName(hash.ToString("x16", CultureInfo.InvariantCulture));
            JsonSerializer.Serialize(writer, at, options);
        }

        writer.WriteEndObject();
    }
}
