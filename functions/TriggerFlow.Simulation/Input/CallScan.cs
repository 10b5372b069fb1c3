using System.Runtime.InteropServices;
using System.Text.Json;

namespace TriggerFlow.Simulation.Input;

/// <summary>The top-level fields of a Segment call that <see cref="CallScan"/> locates.</summary>
internal enum CallField
{
    Type,
    Event,
    UserId,
    AnonymousId,
    MessageId,
    Timestamp,
    OriginalTimestamp,
    ReceivedAt,
    SentAt,
    Properties,
}

/// <summary>
/// A JSON value in a line: its kind and where its bytes lie (a string's without its quotes, and
/// unescaped, since the scan takes no string with an escape). Kind <c>None</c> when the field is absent.
/// </summary>
internal readonly record struct JsonSpan(JsonTokenType Kind, int Start, int Length)
{
    /// <summary>Absent or null: the JsonDocument path treats the two alike for every field the scan locates.</summary>
    public bool IsMissing => Kind is JsonTokenType.None or JsonTokenType.Null;

    public ReadOnlySpan<byte> In(ReadOnlySpan<byte> line) => line.Slice(Start, Length);
}

/// <summary>A member of the call's <c>properties</c> object.</summary>
internal readonly record struct PropertySpan(JsonSpan Name, JsonSpan Value);

/// <summary>
/// One pass of <see cref="Utf8JsonReader"/> over a line holding one Segment call, noting where the
/// fields in <see cref="CallField"/> lie and the members of <c>properties</c>; every other field is
/// skipped, though still checked as JSON. The scan gives up (false) on whatever the fast path could
/// misread: invalid JSON or more than one value, anything but an object, a <c>batch</c>, an escape
/// in a name or in a located string, and a located field given twice (the JsonDocument path would
/// take its last value). Objects and arrays inside located fields are skipped and noted by kind only.
/// </summary>
internal sealed class CallScan
{
    // In CallField order, then "batch", which makes the line one the fast path does not read.
    private static readonly byte[][] Names =
    [
        "type"u8.ToArray(), "event"u8.ToArray(), "userId"u8.ToArray(), "anonymousId"u8.ToArray(), "messageId"u8.ToArray(),
        "timestamp"u8.ToArray(), "originalTimestamp"u8.ToArray(), "receivedAt"u8.ToArray(), "sentAt"u8.ToArray(),
        "properties"u8.ToArray(), "batch"u8.ToArray(),
    ];

    private static readonly int Batch = Names.Length - 1;

    private readonly JsonSpan[] _fields = new JsonSpan[Batch];
    private readonly List<PropertySpan> _properties = [];

    public JsonSpan this[CallField field] => _fields[(int)field];

    /// <summary>The members of <c>properties</c>, in order, when it is an object; until the next scan.</summary>
    public ReadOnlySpan<PropertySpan> Properties => CollectionsMarshal.AsSpan(_properties);

    public bool TryScan(ReadOnlySpan<byte> line)
    {
        Array.Clear(_fields);
        _properties.Clear();
        try
        {
            // The reader's defaults are JsonDocument.Parse's: no comments, no trailing commas, depth 64, one value.
            var reader = new Utf8JsonReader(line);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && Fields(ref reader) && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private bool Fields(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var field = FieldOf(reader.ValueSpan);
            reader.Read();
            if (field < 0)
            {
                reader.Skip();
            }
            else if (field == Batch || _fields[field].Kind != JsonTokenType.None
                || !TryValue(ref reader, field == (int)CallField.Properties, out _fields[field]))
            {
                return false;
            }
        }

        return true;
    }

    private static int FieldOf(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (name.SequenceEqual(Names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Notes the value the reader is on; <paramref name="members"/> reads an object's members into <see cref="Properties"/>.</summary>
    private bool TryValue(ref Utf8JsonReader reader, bool members, out JsonSpan value)
    {
        var kind = reader.TokenType;
        value = new JsonSpan(kind, (int)reader.TokenStartIndex + (kind == JsonTokenType.String ? 1 : 0), reader.ValueSpan.Length);
        if (kind == JsonTokenType.String)
        {
            return !reader.ValueIsEscaped;
        }

        if (members && kind == JsonTokenType.StartObject)
        {
            return Members(ref reader);
        }

        reader.Skip();
        return true;
    }

    private bool Members(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var name = new JsonSpan(JsonTokenType.PropertyName, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
            reader.Read();
            if (!TryValue(ref reader, members: false, out var value))
            {
                return false;
            }

            _properties.Add(new PropertySpan(name, value));
        }

        return true;
    }
}
