using System.Text.Json;
using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Input;
using TriggerFlow.Input.Time;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Simulation.Input;

/// <summary>
/// Reads JSON lines in the Segment Tracking API shape, one call (or one <c>batch</c> of calls) per
/// line, streaming: only the current line is held. <c>track</c> becomes a catalog event, <c>page</c>
/// the page event, <c>identify</c> a profile (and, with both ids, an identity merge), <c>alias</c>
/// a merge; <c>screen</c> and <c>group</c> are counted and ignored. Every call is mapped by the
/// live host's own Segment mapping (<see cref="TriggerFlow.Input.Segment.SegmentMapper"/>), so a backtest
/// reads a call exactly as the webhook takes it. The common line, one plain track call, is read by
/// a byte-level fast path of its own (SegmentReader.FastPath.cs), held equal to that mapping by a
/// differential test; every other line, and every line that path is unsure of, goes through it.
/// </summary>
public sealed partial class SegmentReader(Stream stream, EventCatalog catalog, EventFileOptions options, ReadStatistics statistics)
{
    private const int MaxIdLength = InputMapping.DefaultMaxIdLength;

    private readonly TriggerFlow.Input.Segment.SegmentMapper _mapper = new(new InputMapping(catalog, name => options.EventNames.Resolve(name, catalog))
    {
        PageEvent = options.PageEvent,
    });
    private const int MaxRememberedNames = 64;
    private const int MaxInternedBytes = 64;
    private const int MaxInternedValues = 100_000;
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
                ReadBatch(root, batch, line, records);
            }
            else
            {
                ReadCall(root, new CallContext("", null, null, null, FallbackId(line, -1)), line, records);
            }
        }
    }

    private void ReadBatch(JsonElement root, JsonElement batch, long line, List<SourceRecord> into)
    {
        if (batch.ValueKind != JsonValueKind.Array)
        {
            into.Add(new BadLine(line, "batch", "expected an array of calls"));
            return;
        }

        // Segment's libraries stamp the batch, not each call, with the time they sent it.
        Instant? sentAt = null;
        if (root.TryGetProperty("sentAt", out var sent) && sent.ValueKind != JsonValueKind.Null)
        {
            if (!Timestamps.TryParse(sent, out var instant))
            {
                into.Add(new BadLine(line, "sentAt", $"`{sent}` is not {Timestamps.Expectation}"));
                return;
            }

            sentAt = instant;
        }

        var index = 0;
        foreach (var call in batch.EnumerateArray())
        {
            ReadCall(call, new CallContext($"batch[{index}].", null, sentAt, null, FallbackId(line, index)), line, into);
            index++;
        }
    }

    /// <summary>One call through the shared Segment mapping, the live host's own, turned into the backtest's records.</summary>
    private void ReadCall(JsonElement call, in CallContext context, long line, List<SourceRecord> into)
    {
        var mapped = _mapper.Map(call, context);
        Count(mapped.IgnoredParts);
        if (mapped.Errors.Count > 0)
        {
            var first = mapped.Errors[0];
            into.Add(new BadLine(line, first.Field, first.Message));
            return;
        }

        switch (mapped)
        {
            case { Input: EventInput input, CustomerId: { } customer }:
                statistics.Events++;
                into.Add(new CustomerRecord(line, customer, input));
                break;
            case { Input: ProfileInput profile, CustomerId: { } customer }:
                if (mapped.MergeFrom is { } anonymous)
                {
                    statistics.Merges++;
                    into.Add(new IdentityRecord(line, anonymous, customer, profile.ArrivalTime));
                }

                statistics.Profiles++;
                into.Add(new CustomerRecord(line, customer, profile));
                break;
        }
    }

    /// <summary>What the mapping left out, in the backtest's statistics.</summary>
    private void Count(IReadOnlyList<IgnoredPart> parts)
    {
        foreach (var part in parts)
        {
            switch (part.Kind)
            {
                case IgnoredPart.Event:
                    statistics.UnknownEvent(options.EventNames.Renamed(part.Name));
                    break;
                case IgnoredPart.Call:
                    statistics.IgnoredCall(part.Name);
                    break;
                case IgnoredPart.Trait:
                    statistics.IgnoredField($"trait: {part.Name}");
                    break;
                default:
                    statistics.IgnoredField(part.Name);
                    break;
            }
        }
    }

    /// <summary>The message id when the call has none: unique per call, so nothing is wrongly deduplicated.</summary>
    private static string FallbackId(long line, int index) =>
        index < 0 ? $"line-{line}" : $"line-{line}-{index}";

    /// <summary>
    /// The call's event name and its catalog definition, for the fast path. A file holds few distinct
    /// names, so each is resolved once and then recognised by its bytes.
    /// </summary>
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

    /// <summary>
    /// A short string value's UTF-8 bytes (unescaped, without quotes), shared with every earlier
    /// occurrence: categories, carts and stores repeat across millions of events, and windows keep
    /// their signal's values for days. Long values and ones past the cache's bound give null.
    /// </summary>
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
}
