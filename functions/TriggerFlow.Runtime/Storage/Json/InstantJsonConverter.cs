using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace TriggerFlow.Runtime.Storage.Json;

/// <summary>
/// Writes an <see cref="Instant"/> exactly as NodaTime's converter does (its extended ISO pattern,
/// <c>2026-07-01T09:30:15.25Z</c>: fraction digits up to nanoseconds, trailing zeros and an empty
/// fraction left out), straight into the writer instead of through a pattern, a string builder and
/// a string. A customer's stored state holds dozens of instants (every message id it has seen has
/// one), and it is written on every ingest. Years outside 1–9999 go through NodaTime's converter;
/// reading always does, so what is accepted is unchanged.
/// </summary>
internal sealed class InstantJsonConverter : JsonConverter<Instant>
{
    private static readonly JsonConverter<Instant> Noda = (JsonConverter<Instant>)NodaConverters.InstantConverter;

    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Noda.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var local = value.InUtc().LocalDateTime;
        if (local.Year is < 1 or > 9999)
        {
            Noda.Write(writer, value, options);
            return;
        }

        // yyyy-MM-ddTHH:mm:ss.fffffffffZ at most.
        Span<byte> text = stackalloc byte[30];
        Digits(text, 0, local.Year, 4);
        text[4] = (byte)'-';
        Digits(text, 5, local.Month, 2);
        text[7] = (byte)'-';
        Digits(text, 8, local.Day, 2);
        text[10] = (byte)'T';
        Digits(text, 11, local.Hour, 2);
        text[13] = (byte)':';
        Digits(text, 14, local.Minute, 2);
        text[16] = (byte)':';
        Digits(text, 17, local.Second, 2);
        var length = 19;
        var nanoseconds = local.NanosecondOfSecond;
        if (nanoseconds != 0)
        {
            text[length++] = (byte)'.';
            var digits = 9;
            while (nanoseconds % 10 == 0)
            {
                nanoseconds /= 10;
                digits--;
            }

            Digits(text, length, nanoseconds, digits);
            length += digits;
        }

        text[length++] = (byte)'Z';
        writer.WriteStringValue(text[..length]);
    }

    private static void Digits(Span<byte> text, int start, int value, int count)
    {
        for (var i = start + count - 1; i >= start; i--)
        {
            text[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
