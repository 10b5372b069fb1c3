using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace TriggerFlow.Engine.Inputs;

/// <summary>
/// An event's properties, read-only and compact: one array of name–value pairs searched in
/// order (events carry a handful), about a third of a dictionary's memory. Windows keep their
/// signal's properties for days, so a backtest over a million customers holds millions of these.
/// Names compare ordinally; a name given twice keeps its last value.
/// </summary>
public sealed class PropertyMap : IReadOnlyDictionary<string, object?>
{
    public static readonly PropertyMap Empty = new([]);

    private readonly KeyValuePair<string, object?>[] _entries;

    private PropertyMap(KeyValuePair<string, object?>[] entries) => _entries = entries;

    public int Count => _entries.Length;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<object?> Values => _entries.Select(e => e.Value);

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no property `{key}`");

    public static PropertyMap From(IEnumerable<KeyValuePair<string, object?>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var entries = new List<KeyValuePair<string, object?>>();
        foreach (var pair in properties)
        {
            ArgumentNullException.ThrowIfNull(pair.Key, nameof(properties));
            var index = 0;
            while (index < entries.Count && !string.Equals(entries[index].Key, pair.Key, StringComparison.Ordinal))
            {
                index++;
            }

            if (index < entries.Count)
            {
                entries[index] = pair;
            }
            else
            {
                entries.Add(pair);
            }
        }

        return entries.Count == 0 ? Empty : new PropertyMap([.. entries]);
    }

    /// <summary>A map of <paramref name="properties"/>, copied once into an array of exactly their size.</summary>
    public static PropertyMap From(ReadOnlySpan<KeyValuePair<string, object?>> properties)
    {
        if (properties.IsEmpty)
        {
            return Empty;
        }

        var entries = new KeyValuePair<string, object?>[properties.Length];
        var count = 0;
        foreach (var pair in properties)
        {
            ArgumentNullException.ThrowIfNull(pair.Key, nameof(properties));
            var index = 0;
            while (index < count && !string.Equals(entries[index].Key, pair.Key, StringComparison.Ordinal))
            {
                index++;
            }

            entries[index] = pair;
            count = Math.Max(count, index + 1);
        }

        return new PropertyMap(count == entries.Length ? entries : entries[..count]);
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
