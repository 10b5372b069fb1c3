using TriggerFlow.Input.Time;
using System.Runtime.InteropServices;
using System.Text.Json;
using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Simulation.Input;

/// <summary>
/// Reads JSON lines in the Segment Tracking API shape, one call (or one <c>batch</c> of calls) per
/// line, streaming: only the current line is held. <c>track</c> becomes a catalog event, <c>page</c>
/// the page event, <c>identify</c> a profile (and, with both ids, an identity merge), <c>alias</c>
/// a merge; <c>screen</c> and <c>group</c> are counted and ignored. The common line, one plain
/// track call, is read by a fast path of its own (SegmentReader.FastPath.cs); every other line,
/// and every line that path is unsure of, is read here through a <see cref="JsonDocument"/>.
/// </summary>
public sealed partial class SegmentReader(Stream stream, EventCatalog catalog, EventFileOptions options, ReadStatistics statistics)
{
    private const int MaxRememberedNames = 64;
    private const int MaxInternedBytes = 64;
    private const int MaxInternedValues = 100_000;
    private static readonly Dictionary<string, bool> NoConsent = [];
    private readonly List<(byte[] Utf8, string Name, EventDefinition? Definition)> _eventNames = [];
    private readonly List<KeyValuePair<string, object?>> _properties = [];
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public IEnumerable<SourceRecord> Read()
    {
        // One list, reused: a line's records are all handed on before the next line is read.
        var records = new List<SourceRecord>();
        foreach (var (text, line) in new Utf8Lines(stream).Read())
        {
            records.Clear();
            ReadCounted(text, line, records);
            foreach (var record in records)
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// Adds one line's records to <paramref name="into"/> and counts the line: what <see cref="Read"/>
    /// does for each line, for a reader that splits the lines itself (<see cref="ParallelLines"/>).
    /// A blank line adds nothing and is not counted.
    /// </summary>
    internal void ReadCounted(ReadOnlyMemory<byte> text, long line, List<SourceRecord> into)
    {
        if (IsBlank(text.Span))
        {
            return;
        }

        statistics.Lines++;
        var first = into.Count;
        ReadLine(text, line, into);
        for (var i = first; i < into.Count; i++)
        {
            statistics.BadLines += into[i] is BadLine ? 1 : 0;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> text) => text.IndexOfAnyExcept(" \t\r\n\v\f"u8) < 0;

    /// <summary>One line's records: the fast path's if it takes the line, else the JsonDocument path's.</summary>
    private void ReadLine(ReadOnlyMemory<byte> text, long line, List<SourceRecord> records)
    {
        if (!FastPath || !TryTrack(text.Span, line, records))
        {
            ReadDocument(text, line, records);
        }
    }

    private void ReadDocument(ReadOnlyMemory<byte> text, long line, List<SourceRecord> records)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            records.Add(new BadLine(line, null, $"not valid JSON ({e.Message})"));
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("batch", out var batch))
            {
                ReadBatch(batch, line, records);
            }
            else
            {
                ReadCall(root, line, "", -1, records);
            }
        }
    }

    private void ReadBatch(JsonElement batch, long line, List<SourceRecord> into)
    {
        if (batch.ValueKind != JsonValueKind.Array)
        {
            into.Add(new BadLine(line, "batch", "expected an array of calls"));
            return;
        }

        var index = 0;
        foreach (var call in batch.EnumerateArray())
        {
            ReadCall(call, line, $"batch[{index}].", index, into);
            index++;
        }
    }

    /// <param name="path">Prefix for field names in messages (<c>batch[2].</c>).</param>
    /// <param name="index">The call's index in its line's batch; -1 for a line holding one call.</param>
    private void ReadCall(JsonElement call, long line, string path, int index, List<SourceRecord> into)
    {
        try
        {
            if (call.ValueKind != JsonValueKind.Object)
            {
                throw new BadField(path.TrimEnd('.'), "expected a JSON object (a Segment call)");
            }

            var fields = new CallFields(call, path);
            switch (TypeOf(fields))
            {
                case "track":
                    Track(fields, line, index, into);
                    break;
                case "page":
                    Page(fields, line, index, into);
                    break;
                case "identify":
                    Identify(fields, line, into);
                    break;
                case "alias":
                    Alias(fields, line, into);
                    break;
                case var ignored:
                    statistics.IgnoredCall(ignored);
                    break;
            }
        }
        catch (BadField bad)
        {
            into.Add(new BadLine(line, bad.Field, bad.Message));
        }
    }

    /// <summary>The message id when the call has none: unique per call, so nothing is wrongly deduplicated.</summary>
    private static string FallbackId(long line, int index) =>
        index < 0 ? $"line-{line}" : $"line-{line}-{index}";

    /// <summary>The call's type; calls posted to a per-type endpoint carry none, so it is inferred from their fields.</summary>
    private static string TypeOf(CallFields fields)
    {
        // The usual spellings are matched on the JSON's bytes, without making a string of them.
        if (fields.Element("type") is { ValueKind: JsonValueKind.String } element)
        {
            foreach (var known in (ReadOnlySpan<string>)["track", "identify", "page"])
            {
                if (element.ValueEquals(known))
                {
                    return known;
                }
            }
        }

        if (fields.String("type") is { } type)
        {
            var known = type.ToLowerInvariant();
            return known is "track" or "page" or "identify" or "alias" or "screen" or "group"
                ? known
                : throw new BadField(fields.Path + "type", $"`{type}` is not a Segment call type (track, identify, page, screen, group, alias)");
        }

        return fields.Has("event") ? "track"
            : fields.Has("previousId") ? "alias"
            : fields.Has("groupId") ? "group"
            : fields.Has("traits") ? "identify"
            : "page";
    }

    private void Track(CallFields fields, long line, int index, List<SourceRecord> into)
    {
        var name = EventName(fields);

        // The whole call is checked even when its event is not used: a malformed line is reported either way.
        var customer = fields.Customer();
        var times = fields.Times();
        if (name.Definition is not { } definition)
        {
            statistics.UnknownEvent(options.EventNames.Renamed(name.Name));
            return;
        }

        AddEvent(fields, definition, Properties(fields, definition), customer, times, line, index, into);
    }

    /// <summary>
    /// The call's event name and its catalog definition. A file holds few distinct names, so each
    /// is resolved once and then recognised by its bytes (escaped names take the long way).
    /// </summary>
    private (string Name, EventDefinition? Definition) EventName(CallFields fields)
    {
        if (fields.Element("event") is { ValueKind: JsonValueKind.String } element
            && JsonMarshal.GetRawUtf8Value(element) is var raw && raw.IndexOf((byte)'\\') < 0)
        {
            return RememberedEventName(raw[1..^1]) ?? RememberEventName(raw[1..^1], element.GetString()!);
        }

        var text = fields.String("event") ?? throw new BadField(fields.Path + "event", "a track call needs an event name");
        return (text, options.EventNames.Resolve(text, catalog));
    }

    /// <summary>The name and definition of an event name seen before, by its UTF-8 bytes (unescaped, unquoted).</summary>
    private (string Name, EventDefinition? Definition)? RememberedEventName(ReadOnlySpan<byte> utf8)
    {
        foreach (var known in _eventNames)
        {
            if (utf8.SequenceEqual(known.Utf8))
            {
                return (known.Name, known.Definition);
            }
        }

        return null;
    }

    private (string Name, EventDefinition? Definition) RememberEventName(ReadOnlySpan<byte> utf8, string name)
    {
        var definition = options.EventNames.Resolve(name, catalog);
        if (_eventNames.Count < MaxRememberedNames)
        {
            _eventNames.Add((utf8.ToArray(), name, definition));
        }

        return (name, definition);
    }

    private void Page(CallFields fields, long line, int index, List<SourceRecord> into)
    {
        if (options.PageEvent is null || EventNameMap.Find(catalog, options.PageEvent) is not { } definition)
        {
            statistics.IgnoredCall("page");
            return;
        }

        // A page's category and name sit beside its properties in the Segment spec; the event's properties may want them.
        var properties = Properties(fields, definition);
        foreach (var top in (ReadOnlySpan<string>)["category", "name"])
        {
            if (!properties.Exists(p => p.Key == top) && definition.Properties.TryGetValue(top, out var type) && fields.Element(top) is { } value)
            {
                properties.Add(KeyValuePair.Create(top, Convert(value, type, fields.Path, top)));
            }
        }

        AddEvent(fields, definition, properties, fields.Customer(), fields.Times(), line, index, into);
    }

    private void AddEvent(CallFields fields, EventDefinition definition, List<KeyValuePair<string, object?>> properties, string customer, (Instant EventTime, Instant Arrival) times, long line, int index, List<SourceRecord> into)
    {
        var input = new EventInput(fields.String("messageId") ?? FallbackId(line, index), definition.Name, PropertyMap.From(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(properties)), times.EventTime, times.Arrival);
        statistics.Events++;
        into.Add(new CustomerRecord(line, customer, input));
    }

    private void Identify(CallFields fields, long line, List<SourceRecord> into)
    {
        var customer = fields.Customer();
        var (_, arrival) = fields.Times();
        var bag = fields.Object("traits");
        var traits = Traits(fields, bag);
        var consent = Consent(fields, bag);
        if (fields.Id("userId") is { } user && fields.Id("anonymousId") is { } anonymous && user != anonymous)
        {
            statistics.Merges++;
            into.Add(new IdentityRecord(line, anonymous, user, arrival));
        }

        statistics.Profiles++;
        into.Add(new CustomerRecord(line, customer, new ProfileInput(fields.String("messageId"), traits, consent, arrival)));
    }

    private void Alias(CallFields fields, long line, List<SourceRecord> into)
    {
        var previous = fields.Id("previousId") ?? throw new BadField(fields.Path + "previousId", "an alias call needs a previousId");
        var user = fields.Id("userId") ?? throw new BadField(fields.Path + "userId", "an alias call needs a userId");
        var (_, arrival) = fields.Times();
        statistics.Merges++;
        into.Add(new IdentityRecord(line, previous, user, arrival));
    }

    private List<KeyValuePair<string, object?>> Properties(CallFields fields, EventDefinition definition)
    {
        // Reused for every call; the caller freezes it into the event's PropertyMap.
        var properties = _properties;
        properties.Clear();
        if (fields.Object("properties") is not { } bag)
        {
            return properties;
        }

        foreach (var property in bag.EnumerateObject())
        {
            // Matched against the catalog's names, so a known property's name is never allocated again.
            if (Known(property, definition.Properties) is { } known)
            {
                var value = known.Value == PropertyType.String && Interned(property.Value) is { } shared
                    ? shared
                    : Convert(property.Value, known.Value, fields.Path + "properties.", known.Key);
                properties.Add(KeyValuePair.Create(known.Key, value));
            }
            else
            {
                statistics.IgnoredField($"{definition.Name}: {property.Name}");
            }
        }

        return properties;
    }

    /// <summary>
    /// A short string value, shared with every earlier occurrence: categories, carts and stores
    /// repeat across millions of events, and windows keep their signal's values for days. Values
    /// with escapes, long ones and ones past the cache's bound are read as usual (null here).
    /// </summary>
    private string? Interned(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && JsonMarshal.GetRawUtf8Value(value) is { Length: <= MaxInternedBytes + 2 } raw && raw.IndexOf((byte)'\\') < 0
            ? Interned(raw[1..^1])
            : null;

    /// <summary>The same for a string value's UTF-8 bytes, unescaped and without their quotes.</summary>
    private string? Interned(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || utf8.Length > MaxInternedBytes)
        {
            return null;
        }

        Span<char> chars = stackalloc char[MaxInternedBytes];
        if (!System.Text.Encoding.UTF8.TryGetChars(utf8, chars, out var length))
        {
            return null;
        }

        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..length], out var known))
        {
            return known;
        }

        if (_values.Count >= MaxInternedValues)
        {
            return null;
        }

        var text = new string(chars[..length]);
        _values[text] = text;
        return text;
    }

    private static KeyValuePair<string, PropertyType>? Known(JsonProperty property, IReadOnlyDictionary<string, PropertyType> known)
    {
        foreach (var pair in known)
        {
            if (property.NameEquals(pair.Key))
            {
                return pair;
            }
        }

        return null;
    }

    private Dictionary<string, object?> Traits(CallFields fields, JsonElement? given)
    {
        var traits = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (given is not { } bag)
        {
            return traits;
        }

        foreach (var trait in bag.EnumerateObject())
        {
            if (catalog.Traits.TryGetValue(trait.Name, out var type))
            {
                traits[trait.Name] = Convert(trait.Value, type, fields.Path + "traits.", trait.Name);
            }
            else if (trait.Name != ConsentValues.Trait)
            {
                statistics.IgnoredField($"trait: {trait.Name}");
            }
        }

        return traits;
    }

    /// <summary>Consent from <c>traits.consent</c> and Segment's <c>context.consent.categoryPreferences</c>, as the live host reads them (<see cref="ConsentValues"/>).</summary>
    private Dictionary<string, bool> Consent(CallFields fields, JsonElement? traits)
    {
        var context = fields.Object("context");
        if (traits is null && context is null)
        {
            return NoConsent;
        }

        if (!ConsentValues.TryRead(traits, context, catalog.Channels, out var consent, out var problem))
        {
            throw new BadField(fields.Path + "traits." + problem.Member, problem.Message);
        }

        return consent.Count == 0 ? NoConsent : consent;
    }

    /// <summary>The value as its catalog type; the field's path is only spelled out for an error.</summary>
    private static object? Convert(JsonElement value, PropertyType type, string path, string name) =>
        PropertyValues.TryFromJson(value, type, out var result, out var error) ? result : throw new BadField(path + name, error!);

    /// <summary>Reads one call's common fields, naming the field at fault when one is malformed.</summary>
    private readonly struct CallFields(JsonElement call, string path)
    {
        public string Path => path;

        public bool Has(string name) => call.TryGetProperty(name, out _);

        public JsonElement? Element(string name) => call.TryGetProperty(name, out var value) ? value : null;

        public string? String(string name) => Element(name) switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            _ => throw new BadField(path + name, "expected a string"),
        };

        public JsonElement? Object(string name) => Element(name) switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.Object } value => value,
            _ => throw new BadField(path + name, "expected a JSON object"),
        };

        /// <summary>The known user id, else the anonymous one.</summary>
        public string Customer() =>
            Id("userId") ?? Id("anonymousId") ?? throw new BadField(path + "userId", "neither userId nor anonymousId is given");

        /// <summary>A customer id: a non-empty string, or a number (as written), as the live host takes it.</summary>
        public string? Id(string name) => Element(name) switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } value when value.GetString() is { } text && !string.IsNullOrWhiteSpace(text) => text,
            { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
            _ => throw new BadField(path + name, "expected a non-empty string or a number"),
        };

        /// <summary>
        /// Event time from <c>timestamp</c> (else <c>originalTimestamp</c>, else <c>receivedAt</c>);
        /// arrival from <c>receivedAt</c>, else <c>sentAt</c>, else the event time.
        /// </summary>
        public (Instant EventTime, Instant Arrival) Times()
        {
            var received = Time("receivedAt");
            var sent = Time("sentAt");
            var eventTime = Time("timestamp") ?? Time("originalTimestamp") ?? received
                ?? throw new BadField(path + "timestamp", $"missing: expected {Timestamps.IsoExpectation}");
            return (eventTime, received ?? sent ?? eventTime);
        }

        private Instant? Time(string name)
        {
            // The common shape is read from the JSON's bytes; anything else goes through the full ISO pattern.
            if (Element(name) is { ValueKind: JsonValueKind.String } element
                && JsonMarshal.GetRawUtf8Value(element) is var raw && raw.Length > 2 && raw.IndexOf((byte)'\\') < 0
                && FastIsoInstant.TryParse(raw[1..^1], out var fast))
            {
                return fast;
            }

            return String(name) switch
            {
                null => null,
                var text when Timestamps.TryParseIso(text, out var instant) => instant,
                var text => throw new BadField(path + name, $"`{text}` is not {Timestamps.IsoExpectation}"),
            };
        }
    }

    /// <summary>A malformed field: caught per call, so one bad call in a batch does not lose the others.</summary>
    private sealed class BadField(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }
}
