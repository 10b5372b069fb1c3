using System.Buffers.Binary;
using System.Text;
using NodaTime;
using TriggerFlow.Engine.Inputs;

namespace TriggerFlow.Simulation.Backtest.Partitioning;

/// <summary>
/// A compact binary form of the records a backtest replays, so they can be set aside by customer
/// bucket (in memory, spilling to a temporary file) and read back bucket by bucket. Every value
/// round-trips exactly: times to the nanosecond, numbers as decimals, property order kept.
/// </summary>
/// <remarks>
/// A record is: kind (1 event, 2 profile, 3 identity merge), then, when it comes after other
/// buckets' inputs that moved the virtual clock past its own arrival, the clock it must first be
/// advanced to (kinds 5–7, the same records with a horizon). Names (events, properties, traits,
/// channels) and short string values are written as numbers from a shared <see cref="Vocabulary"/>.
/// </remarks>
internal static class RecordCodec
{
    private const byte Event = 1;
    private const byte Profile = 2;
    private const byte Merge = 3;
    private const byte WithHorizon = 4;

    private const byte Null = 0;
    private const byte Text = 1;
    private const byte Number = 2;
    private const byte True = 3;
    private const byte False = 4;
    private const byte Date = 5;
    private const byte Time = 6;
    private const byte List = 7;

    private static readonly Instant Epoch = Instant.FromUnixTimeTicks(0);
    private static readonly IReadOnlyDictionary<string, bool> NoConsent = new Dictionary<string, bool>(StringComparer.Ordinal);

    public static void WriteInput(ByteSink sink, Vocabulary words, string customerId, EngineInput input, Instant? horizon)
    {
        switch (input)
        {
            case EventInput e:
                WriteKind(sink, Event, horizon);
                sink.WriteString(customerId);
                sink.WriteString(e.MessageId);
                sink.WriteVarint((ulong)words.Id(e.Name));
                WriteInstant(sink, e.ArrivalTime);
                WriteInstant(sink, e.EventTime);
                WriteBag(sink, words, e.Properties);
                break;
            case ProfileInput p:
                WriteKind(sink, Profile, horizon);
                sink.WriteString(customerId);
                sink.WriteNullableString(p.MessageId);
                WriteInstant(sink, p.ArrivalTime);
                WriteBag(sink, words, p.Traits);
                sink.WriteVarint((ulong)p.Consent.Count);
                foreach (var (channel, granted) in p.Consent)
                {
                    sink.WriteVarint((ulong)words.Id(channel));
                    sink.WriteByte(granted ? True : False);
                }

                break;
            default:
                throw new ArgumentException($"a backtest replays events and profiles, not {input.GetType().Name}", nameof(input));
        }
    }

    public static void WriteMerge(ByteSink sink, string anonymousId, string customerId, Instant at, Instant? horizon)
    {
        WriteKind(sink, Merge, horizon);
        sink.WriteString(anonymousId);
        sink.WriteString(customerId);
        WriteInstant(sink, at);
    }

    /// <summary>Reads every record in <paramref name="bytes"/> (whole records only) into <paramref name="target"/>, in order.</summary>
    public static void ReadAll(ReadOnlySpan<byte> bytes, Vocabulary words, IRecordTarget target)
    {
        var source = new ByteSource(bytes);
        var scratch = new KeyValuePair<string, object?>[8];
        while (!source.AtEnd)
        {
            var kind = source.ReadByte();
            Instant? horizon = null;
            if (kind is > WithHorizon and <= WithHorizon + Merge)
            {
                kind -= WithHorizon;
                horizon = ReadInstant(ref source);
            }

            switch (kind)
            {
                case Event:
                    {
                        var customer = target.Customer(source.ReadUtf8());
                        var messageId = source.ReadString();
                        var name = words[(int)source.ReadVarint()];
                        var arrival = ReadInstant(ref source);
                        var eventTime = ReadInstant(ref source);
                        var properties = ReadProperties(ref source, words, ref scratch);
                        target.Input(customer, new EventInput(messageId, name, properties, eventTime, arrival), horizon);
                        break;
                    }

                case Profile:
                    {
                        var customer = target.Customer(source.ReadUtf8());
                        var messageId = source.ReadNullableString();
                        var arrival = ReadInstant(ref source);
                        var traits = ReadTraits(ref source, words);
                        var consent = ReadConsent(ref source, words);
                        target.Input(customer, new ProfileInput(messageId, traits, consent, arrival), horizon);
                        break;
                    }

                case Merge:
                    {
                        var anonymous = target.Customer(source.ReadUtf8());
                        var customer = target.Customer(source.ReadUtf8());
                        target.Merge(anonymous, customer, ReadInstant(ref source), horizon);
                        break;
                    }

                default:
                    throw new InvalidDataException($"backtest bucket data is corrupt: unknown record kind {kind}");
            }
        }
    }

    private static void WriteKind(ByteSink sink, byte kind, Instant? horizon)
    {
        if (horizon is { } at)
        {
            sink.WriteByte((byte)(kind + WithHorizon));
            WriteInstant(sink, at);
        }
        else
        {
            sink.WriteByte(kind);
        }
    }

    /// <summary>Days since the Unix epoch and the nanosecond of the day: exact for every instant NodaTime holds.</summary>
    private static void WriteInstant(ByteSink sink, Instant instant)
    {
        var since = instant - Epoch;
        sink.WriteVarint(ZigZag(since.Days));
        sink.WriteVarint((ulong)since.NanosecondOfDay);
    }

    private static Instant ReadInstant(ref ByteSource source)
    {
        var days = UnZigZag(source.ReadVarint());
        var nanos = (long)source.ReadVarint();
        return Epoch + Duration.FromDays(days) + Duration.FromNanoseconds(nanos);
    }

    private static void WriteBag(ByteSink sink, Vocabulary words, IReadOnlyDictionary<string, object?> bag)
    {
        sink.WriteVarint((ulong)bag.Count);
        foreach (var (key, value) in bag)
        {
            sink.WriteVarint((ulong)words.Id(key));
            WriteValue(sink, words, value);
        }
    }

    private static void WriteValue(ByteSink sink, Vocabulary words, object? value)
    {
        switch (value)
        {
            case null:
                sink.WriteByte(Null);
                break;
            case string s:
                sink.WriteByte(Text);
                WriteText(sink, words, s);
                break;
            case decimal d:
                sink.WriteByte(Number);
                Span<int> bits = stackalloc int[4];
                decimal.GetBits(d, bits);
                foreach (var part in bits)
                {
                    sink.WriteInt32(part);
                }

                break;
            case bool b:
                sink.WriteByte(b ? True : False);
                break;
            case LocalDate date:
                sink.WriteByte(Date);
                sink.WriteVarint(ZigZag(date.ToDateOnly().DayNumber));
                break;
            case Instant instant:
                sink.WriteByte(Time);
                WriteInstant(sink, instant);
                break;
            case IReadOnlyList<string> items:
                sink.WriteByte(List);
                sink.WriteVarint((ulong)items.Count);
                foreach (var item in items)
                {
                    WriteText(sink, words, item);
                }

                break;
            default:
                throw new ArgumentException($"a property value of type {value.GetType().Name} cannot be replayed (see PropertyValues for the types an input holds)", nameof(value));
        }
    }

    /// <summary>A short value as its vocabulary number (odd header), else inline (even header: twice the UTF-8 length).</summary>
    private static void WriteText(ByteSink sink, Vocabulary words, string text)
    {
        if (words.TryShare(text, out var id))
        {
            sink.WriteVarint(((ulong)id << 1) | 1);
        }
        else
        {
            sink.WriteUtf8((ulong)Encoding.UTF8.GetByteCount(text) << 1, text);
        }
    }

    private static string ReadText(ref ByteSource source, Vocabulary words)
    {
        var header = source.ReadVarint();
        return (header & 1) == 1 ? words[(int)(header >> 1)] : source.ReadUtf8Chars((int)(header >> 1));
    }

    private static object? ReadValue(ref ByteSource source, Vocabulary words)
    {
        switch (source.ReadByte())
        {
            case Null:
                return null;
            case Text:
                return ReadText(ref source, words);
            case Number:
                Span<int> bits = stackalloc int[4];
                for (var i = 0; i < bits.Length; i++)
                {
                    bits[i] = source.ReadInt32();
                }

                return new decimal(bits);
            case True:
                return true;
            case False:
                return false;
            case Date:
                return LocalDate.FromDateOnly(DateOnly.FromDayNumber((int)UnZigZag(source.ReadVarint())));
            case Time:
                return ReadInstant(ref source);
            case List:
                var items = new string[(int)source.ReadVarint()];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ReadText(ref source, words);
                }

                return items;
            case var tag:
                throw new InvalidDataException($"backtest bucket data is corrupt: unknown value tag {tag}");
        }
    }

    /// <param name="scratch">Reused from record to record: the map copies what it keeps.</param>
    private static PropertyMap ReadProperties(ref ByteSource source, Vocabulary words, ref KeyValuePair<string, object?>[] scratch)
    {
        var count = checked((int)source.ReadVarint());
        if (count == 0)
        {
            return PropertyMap.Empty;
        }

        if (count > scratch.Length)
        {
            scratch = new KeyValuePair<string, object?>[Math.Max(count, scratch.Length * 2)];
        }

        var entries = scratch.AsSpan(0, count);
        for (var i = 0; i < count; i++)
        {
            var key = words[(int)source.ReadVarint()];
            entries[i] = KeyValuePair.Create(key, ReadValue(ref source, words));
        }

        return PropertyMap.From(entries);
    }

    private static Dictionary<string, object?> ReadTraits(ref ByteSource source, Vocabulary words)
    {
        var count = checked((int)source.ReadVarint());
        var traits = new Dictionary<string, object?>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = words[(int)source.ReadVarint()];
            traits[key] = ReadValue(ref source, words);
        }

        return traits;
    }

    private static IReadOnlyDictionary<string, bool> ReadConsent(ref ByteSource source, Vocabulary words)
    {
        var count = checked((int)source.ReadVarint());
        if (count == 0)
        {
            return NoConsent;
        }

        var consent = new Dictionary<string, bool>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var channel = words[(int)source.ReadVarint()];
            consent[channel] = source.ReadByte() == True;
        }

        return consent;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}

/// <summary>Receives decoded records, in the order they were written.</summary>
internal interface IRecordTarget
{
    /// <summary>
    /// The number the target gives the customer with this id (UTF-8): the same number for every
    /// record of the customer, so a target that keeps state per customer finds it by index.
    /// </summary>
    int Customer(ReadOnlySpan<byte> utf8);

    /// <param name="horizon">When set, the virtual clock must first be run to this time (other customers' inputs moved it there).</param>
    void Input(int customer, EngineInput input, Instant? horizon);

    void Merge(int anonymous, int customer, Instant at, Instant? horizon);
}

/// <summary>
/// Names and short values shared by number: written once per run, read by every bucket. Built by
/// one thread while the file is read; read-only afterwards, when the buckets are decided in parallel.
/// </summary>
internal sealed class Vocabulary
{
    /// <summary>Values this short and this many are shared; longer or later ones are written out (the table stays small).</summary>
    public const int MaxSharedLength = 64;

    public const int MaxShared = 100_000;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];

    public int Count => _words.Count;

    public string this[int id] => (uint)id < (uint)_words.Count ? _words[id] : throw new InvalidDataException($"backtest bucket data is corrupt: no word {id}");

    /// <summary>The number of a name (event, property, trait, channel): names come from the catalog, so there are few.</summary>
    public int Id(string word)
    {
        if (!_ids.TryGetValue(word, out var id))
        {
            id = _words.Count;
            _words.Add(word);
            _ids[word] = id;
        }

        return id;
    }

    /// <summary>The number of a short value, added while the table has room.</summary>
    public bool TryShare(string value, out int id)
    {
        if (_ids.TryGetValue(value, out id))
        {
            return true;
        }

        if (value.Length > MaxSharedLength || _words.Count >= MaxShared)
        {
            return false;
        }

        id = Id(value);
        return true;
    }
}

/// <summary>A growable byte buffer the codec writes to.</summary>
internal sealed class ByteSink(int capacity)
{
    private byte[] _bytes = new byte[Math.Max(16, capacity)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void WriteByte(byte value)
    {
        Ensure(1);
        _bytes[Length++] = value;
    }

    public void WriteInt32(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(Length), value);
        Length += 4;
    }

    public void WriteVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _bytes[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _bytes[Length++] = (byte)value;
    }

    public void WriteString(string value) => WriteUtf8((ulong)Encoding.UTF8.GetByteCount(value), value);

    /// <summary>Null as 0, else one more than the UTF-8 length, then the bytes.</summary>
    public void WriteNullableString(string? value)
    {
        if (value is null)
        {
            WriteVarint(0);
        }
        else
        {
            WriteUtf8((ulong)Encoding.UTF8.GetByteCount(value) + 1, value);
        }
    }

    /// <summary>A header, then the text's UTF-8 bytes (the header carries their length).</summary>
    public void WriteUtf8(ulong header, string text)
    {
        WriteVarint(header);
        var count = Encoding.UTF8.GetByteCount(text);
        Ensure(count);
        Length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(Length));
    }

    private void Ensure(int more)
    {
        if (Length + more > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + more));
        }
    }
}

/// <summary>Reads what a <see cref="ByteSink"/> wrote; a truncated buffer is reported as corrupt data, never read past.</summary>
internal ref struct ByteSource(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly bool AtEnd => _position >= _bytes.Length;

    public byte ReadByte() => _position < _bytes.Length ? _bytes[_position++] : throw Truncated();

    public int ReadInt32()
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
        return value;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("backtest bucket data is corrupt: a number is too long");
    }

    public ReadOnlySpan<byte> ReadUtf8() => Take(checked((int)ReadVarint()));

    public string ReadString() => Encoding.UTF8.GetString(ReadUtf8());

    public string? ReadNullableString()
    {
        var header = ReadVarint();
        return header == 0 ? null : ReadUtf8Chars(checked((int)(header - 1)));
    }

    public string ReadUtf8Chars(int length) => Encoding.UTF8.GetString(Take(length));

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > _bytes.Length - _position)
        {
            throw Truncated();
        }

        var span = _bytes.Slice(_position, length);
        _position += length;
        return span;
    }

    private static InvalidDataException Truncated() => new("backtest bucket data is corrupt: a record is cut short");
}
