using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Input;
using TriggerFlow.Input.Segment;
using TriggerFlow.Input.Time;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Simulation.Input;

/// <summary>
/// The fast path: a line holding one plain track call — the shape that fills exported files — read
/// in a single pass over its bytes (<see cref="CallScan"/>), without building a JsonDocument. It
/// makes exactly the record, and the statistics, that the shared Segment mapping makes (<see cref="TriggerFlow.Input.Segment.SegmentMapper"/>). A line it is not
/// certain of is declined, with nothing recorded, and read whole by the JsonDocument path, so
/// every error message and every rarer shape (batch, page, identify, alias, escapes, offsets,
/// lists, values the catalog type rejects) still comes from there.
/// </summary>
public sealed partial class SegmentReader
{
    private readonly CallScan _scan = new();
    private readonly List<int> _ignoredProperties = [];

    // For each property taken, its catalog name when it was posted under an alias (else null).
    private readonly List<string?> _aliased = [];
    private readonly Dictionary<EventDefinition, CatalogProperty[]?> _catalogProperties = new(ReferenceEqualityComparer.Instance);

    /// <summary>On unless a test turns it off to compare the two paths.</summary>
    internal bool FastPath { get; init; } = true;

    /// <summary>Lines the fast path read; the others went through the JsonDocument path.</summary>
    internal long FastLines { get; private set; }

    private bool TryTrack(ReadOnlySpan<byte> text, long line, List<SourceRecord> into)
    {
        // JSON readers leave invalid UTF-8 in strings for GetString to throw on; such a line is left to that.
        if (!Utf8.IsValid(text) || !_scan.TryScan(text) || !IsTrack(text) || _scan[CallField.Event].Kind != JsonTokenType.String
            || !IsId(_scan[CallField.Event].In(text)) || !TryCustomer(text, out var customer) || !TryMessageId(text, line, out var messageId)
            || _scan[CallField.Properties] is { IsMissing: false, Kind: not JsonTokenType.StartObject } || !TryTimes(text, out var eventTime, out var arrival))
        {
            return false;
        }

        var eventName = _scan[CallField.Event].In(text);
        var (name, definition) = RememberedEventName(eventName) ?? RememberEventName(eventName, Encoding.UTF8.GetString(eventName));
        if (definition is null)
        {
            // As the mapping does: an event outside the catalog is counted once the rest of the call is known good.
            statistics.UnknownEvent(options.EventNames.Renamed(name));
        }
        else if (TryProperties(text, definition))
        {
            ReportIgnoredProperties(text, definition);
            var input = new EventInput(messageId, definition.Name, PropertyMap.From(CollectionsMarshal.AsSpan(_properties)), eventTime, arrival);
            statistics.Events++;
            into.Add(new CustomerRecord(line, Encoding.UTF8.GetString(customer.In(text)), input));
        }
        else
        {
            return false;
        }

        FastLines++;
        return true;
    }

    /// <summary>A track call as the shared mapping tells one: its type spelled <c>track</c>, or no type and an event.</summary>
    private bool IsTrack(ReadOnlySpan<byte> text) => _scan[CallField.Type] is { Kind: JsonTokenType.String } type
        ? type.In(text).SequenceEqual("track"u8)
        : _scan[CallField.Type].IsMissing && _scan[CallField.Event].Kind != JsonTokenType.None;

    /// <summary>The user id, else (when it is absent or null) the anonymous one, as <c>CallFields.Customer</c> picks.</summary>
    private bool TryCustomer(ReadOnlySpan<byte> text, out JsonSpan customer)
    {
        // A number or a blank id takes the long way, which reads the one and reports the other.
        customer = _scan[CallField.UserId].IsMissing ? _scan[CallField.AnonymousId] : _scan[CallField.UserId];
        return customer.Kind == JsonTokenType.String && IsId(customer.In(text));
    }

    /// <summary>
    /// An id or name the mapping takes without a word: not blank, and short enough in bytes that it is
    /// within the mapping's limit in characters whatever it holds. The others take the long way, which says why.
    /// </summary>
    private bool IsId(ReadOnlySpan<byte> utf8) => !IsBlank(utf8) && utf8.Length <= MaxIdLength;

    /// <summary>The times as the shared mapping decides them (<see cref="SegmentTimes"/>), each field absent or readable here.</summary>
    private bool TryTimes(ReadOnlySpan<byte> text, out Instant eventTime, out Instant arrival)
    {
        eventTime = arrival = default;
        return TryTime(text, CallField.ReceivedAt, out var received) && TryTime(text, CallField.SentAt, out var sent)
            && TryTime(text, CallField.Timestamp, out var timestamp) && TryTime(text, CallField.OriginalTimestamp, out var original)
            && SegmentTimes.TryResolve(timestamp, original, sent, received, null, InputMapping.DefaultFutureTolerance, out eventTime, out arrival, out var clamped)
            && !clamped; // a time set aside is counted by the mapping: such a line takes the long way
    }

    /// <summary>A time field: absent, or a string in the common shape (read from its bytes) or any shape <see cref="Timestamps"/> reads.</summary>
    private bool TryTime(ReadOnlySpan<byte> text, CallField field, out Instant? time)
    {
        time = null;
        var value = _scan[field];
        if (value.IsMissing)
        {
            return true;
        }

        if (value.Kind != JsonTokenType.String)
        {
            return false;
        }

        var raw = value.In(text);
        if (FastIsoInstant.TryParse(raw, out var instant)
            || (raw.IndexOf((byte)'\\') < 0 && Timestamps.TryParse(Encoding.UTF8.GetString(raw), out instant)))
        {
            time = instant;
            return true;
        }

        return false;
    }

    /// <summary>
    /// The catalog's properties into <see cref="_properties"/>, in the call's order, as the shared mapping
    /// reads them; the others are noted in <see cref="_ignoredProperties"/>, to be reported if the line is read here.
    /// </summary>
    private bool TryProperties(ReadOnlySpan<byte> text, EventDefinition definition)
    {
        _properties.Clear();
        _ignoredProperties.Clear();
        _aliased.Clear();
        var bag = _scan[CallField.Properties];
        if (bag.IsMissing)
        {
            return true;
        }

        if (bag.Kind != JsonTokenType.StartObject || CatalogProperties(definition) is not { } known)
        {
            return false;
        }

        var properties = _scan.Properties;
        for (var i = 0; i < properties.Length; i++)
        {
            var index = IndexOf(known, properties[i].Name.In(text));
            if (index < 0)
            {
                // A name only the mapping's case-insensitive alias lookup finds is left to it.
                if (definition.PropertyAliases.Count > 0 && definition.FindProperty(Encoding.UTF8.GetString(properties[i].Name.In(text))) is not null)
                {
                    return false;
                }

                _ignoredProperties.Add(i);
            }
            else if ((known[index].ByAlias || AliasGiven(known[index].Name)) && Given(known[index].Name))
            {
                // A property given by its name and by an alias: which wins is left to the mapping.
                return false;
            }
            else if (TryConvert(properties[i].Value.Kind, properties[i].Value.In(text), known[index].Type, out var value))
            {
                _properties.Add(KeyValuePair.Create(known[index].Name, value));
                _aliased.Add(known[index].ByAlias ? known[index].Name : null);
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private bool Given(string name)
    {
        foreach (var property in _properties)
        {
            if (property.Key == name)
            {
                return true;
            }
        }

        return false;
    }

    private bool AliasGiven(string name) => _aliased.Contains(name);

    /// <summary>The message id as the mapping reads it: a string, else (absent or null) the line's own.</summary>
    private bool TryMessageId(ReadOnlySpan<byte> text, long line, out string id)
    {
        var value = _scan[CallField.MessageId];
        id = value.Kind == JsonTokenType.String && IsId(value.In(text)) ? Encoding.UTF8.GetString(value.In(text)) : FallbackId(line, -1);
        return value.IsMissing || (value.Kind == JsonTokenType.String && IsId(value.In(text)));
    }

    /// <summary>Reported only once the line is read here: the JsonDocument path reports them for a declined line.</summary>
    private void ReportIgnoredProperties(ReadOnlySpan<byte> text, EventDefinition definition)
    {
        foreach (var index in _ignoredProperties)
        {
            statistics.IgnoredField($"{definition.Name}: {Encoding.UTF8.GetString(_scan.Properties[index].Name.In(text))}");
        }
    }

    private static int IndexOf(CatalogProperty[] known, ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < known.Length; i++)
        {
            if (name.SequenceEqual(known[i].Utf8))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// A value as <see cref="PropertyValues.TryFromJson"/> converts it, for the cases decided here;
    /// false for the rest (lists, objects, numbers with exponents, values that do not fit) and for errors.
    /// </summary>
    private bool TryConvert(JsonTokenType kind, ReadOnlySpan<byte> raw, PropertyType type, out object? value)
    {
        value = null;
        switch (kind, type)
        {
            case (JsonTokenType.Null, _):
                return true;
            case (JsonTokenType.String, PropertyType.String):
                value = Interned(raw) ?? Encoding.UTF8.GetString(raw);
                return true;
            case (JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False, PropertyType.String):
                // TryFromJson keeps a number or a boolean given for a string as its JSON text.
                value = Encoding.UTF8.GetString(raw);
                return true;
            case (JsonTokenType.Number, PropertyType.Number) when raw.IndexOfAny("eE"u8) < 0
                && Utf8Parser.TryParse(raw, out decimal number, out var consumed) && consumed == raw.Length:
                value = number;
                return true;
            case (JsonTokenType.True or JsonTokenType.False, PropertyType.Boolean):
                value = kind == JsonTokenType.True;
                return true;
            case (JsonTokenType.String, PropertyType.Number or PropertyType.Date or PropertyType.DateTime):
                return PropertyValues.TryFromText(Encoding.UTF8.GetString(raw), type, out value, out _);
            default:
                return false;
        }
    }

    /// <summary>
    /// The event's catalog properties with their names' UTF-8, to match names byte for byte as JsonDocument
    /// matches unescaped ones; null (the event is always declined) if a name has no exact UTF-8 form.
    /// </summary>
    private CatalogProperty[]? CatalogProperties(EventDefinition definition)
    {
        if (!_catalogProperties.TryGetValue(definition, out var known))
        {
            // The catalog's names, then its aliases (matched exactly here; other spellings are left to the mapping).
            var names = definition.Properties.Select(p => (Posted: p.Key, Name: p.Key, Type: p.Value))
                .Concat(definition.PropertyAliases.Select(a => (Posted: a.Key, Name: a.Value, Type: definition.Properties[a.Value])));
            var encoded = new List<CatalogProperty>();
            foreach (var (posted, name, type) in names)
            {
                var bytes = new byte[Encoding.UTF8.GetMaxByteCount(posted.Length)];
                if (Utf8.FromUtf16(posted, bytes, out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done)
                {
                    encoded = null;
                    break;
                }

                encoded.Add(new CatalogProperty(bytes[..length], name, type, ByAlias: posted != name));
            }

            known = encoded?.ToArray();
            _catalogProperties[definition] = known;
        }

        return known;
    }

    private readonly record struct CatalogProperty(byte[] Utf8, string Name, PropertyType Type, bool ByAlias);
}
