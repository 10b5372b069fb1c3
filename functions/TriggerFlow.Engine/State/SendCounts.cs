using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TriggerFlow.Engine.State;

/// <summary>
/// Send counts by key (a rule, or a rule and a property value) for one customer's caps. A
/// customer has a handful, so they are kept as one small array searched in order — about a
/// quarter of a dictionary's memory, which matters with a million customers in a backtest.
/// Persisted as a JSON object of key to count, as a dictionary would be.
/// </summary>
[JsonConverter(typeof(SendCountsJsonConverter))]
public sealed class SendCounts : IEnumerable<KeyValuePair<string, int>>
{
    private KeyValuePair<string, int>[] _entries = [];

    public int Count { get; private set; }

    /// <summary>The count for <paramref name="key"/>: reading an absent key gives 0; setting adds or replaces it.</summary>
    public int this[string key]
    {
        get => GetValueOrDefault(key);
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            var index = IndexOf(key);
            if (index >= 0)
            {
                _entries[index] = KeyValuePair.Create(_entries[index].Key, value);
                return;
            }

            if (Count == _entries.Length)
            {
                Array.Resize(ref _entries, Count == 0 ? 2 : Count * 2);
            }

            _entries[Count++] = KeyValuePair.Create(key, value);
        }
    }

    public int GetValueOrDefault(string key)
    {
        var index = IndexOf(key);
        return index >= 0 ? _entries[index].Value : 0;
    }

    public bool TryGetValue(string key, out int count)
    {
        var index = IndexOf(key);
        count = index >= 0 ? _entries[index].Value : 0;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, int>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _entries[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        // Rule names are the plans' own strings, so most matches are the same reference.
        for (var i = 0; i < Count; i++)
        {
            var known = _entries[i].Key;
            if (ReferenceEquals(known, key) || string.Equals(known, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>Writes <see cref="SendCounts"/> as <c>{"key": count, …}</c> and reads it back.</summary>
public sealed class SendCountsJsonConverter : JsonConverter<SendCounts>
{
    public override SendCounts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("send counts: expected an object of keys to counts");
        }

        var counts = new SendCounts();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            counts[key] = reader.GetInt32();
        }

        return counts;
    }

    public override void Write(Utf8JsonWriter writer, SendCounts value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (key, count) in value)
        {
            writer.WriteNumber(key, count);
        }

        writer.WriteEndObject();
    }
}
