using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TriggerFlow.Input;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.Requests;

namespace TriggerFlow.Runtime.Ingestion.Quarantine;

/// <summary>One unusable item as the quarantine keeps it.</summary>
/// <param name="Id">Derived from the source, format, call and posted JSON: a source that retries the same item does not fill the quarantine twice.</param>
/// <param name="Sequence">The store's order of arrival, for paging; 0 before the store assigned it.</param>
/// <param name="Call">The Segment call type the endpoint implied (<c>/v1/track</c>); null when the item names its own.</param>
/// <param name="ReceivedAt">When the request arrived: a replay maps the item as of then, so a missing timestamp means the same instant.</param>
/// <param name="Event">The event (or call) name the item posted, for filtering; null when it names none.</param>
/// <param name="Errors">Why it is unusable, fields named within the item (<c>properties.price</c>, not <c>batch[2].properties.price</c>).</param>
/// <param name="Size">Bytes of the posted JSON (UTF-8).</param>
/// <param name="RawJson">The item's JSON exactly as posted; null when read without it.</param>
internal sealed record QuarantineEntry(
    string Id,
    long Sequence,
    string Source,
    PayloadFormat Format,
    string? Call,
    DateTimeOffset ReceivedAt,
    string MessageId,
    string? Event,
    IReadOnlyList<FieldError> Errors,
    int Size,
    string? RawJson)
{
    private const int MaxEventLength = 256;

    /// <summary>The entry for an unusable item of this arrival; the item must carry its <see cref="IngestItem.RawJson"/>.</summary>
    public static QuarantineEntry Of(Arrival arrival, IngestItem item)
    {
        var raw = item.RawJson ?? throw new ArgumentException("an unusable item reaches the quarantine with its posted JSON", nameof(item));
        var key = $"{arrival.Source}\n{FormatName(arrival.Format)}\n{item.Call}\n{raw}";
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
        return new QuarantineEntry(
            id,
            0,
            arrival.Source,
            arrival.Format,
            item.Call,
            arrival.ReceivedAt,
            item.MessageId,
            EventOf(raw, arrival.Format, item.Call),
            [.. item.Errors.Select(e => e with { Field = ItemErrors.Relative(e.Field) })],
            Encoding.UTF8.GetByteCount(raw),
            raw);
    }

    /// <summary>The format's name in storage and in answers: <c>segment</c> or <c>cloudevents</c>.</summary>
    public static string FormatName(PayloadFormat format) => format == PayloadFormat.Segment ? "segment" : "cloudevents";

    public static PayloadFormat ParseFormat(string stored) => stored == "segment" ? PayloadFormat.Segment : PayloadFormat.CloudEvents;

    /// <summary>
    /// A label to filter by, not an interpretation: a Segment item's <c>event</c> (else its call
    /// type), a CloudEvent's <c>triggerflowevent</c> (else its <c>type</c>). The mappers decide what
    /// the item means when it is replayed.
    /// </summary>
    private static string? EventOf(string raw, PayloadFormat format, string? call)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return call;
            }

            ReadOnlySpan<string> names = format == PayloadFormat.Segment ? ["event", "type"] : ["triggerflowevent", "type"];
            foreach (var name in names)
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                {
                    return text.Length <= MaxEventLength ? text : text[..MaxEventLength];
                }
            }

            return call;
        }
        catch (JsonException)
        {
            return call;
        }
    }
}

/// <summary>Field names of an item's errors, as a batch names them and as the item itself would.</summary>
internal static partial class ItemErrors
{
    /// <summary><c>batch[2].properties.price</c> and <c>[2].properties.price</c> become <c>properties.price</c>; the item itself (<c>batch[2]</c>) is <c>$</c>.</summary>
    public static string Relative(string field)
    {
        var relative = BatchPrefix().Replace(field, "");
        return relative.Length == 0 ? "$" : relative;
    }

    [GeneratedRegex(@"^(?:batch)?\[\d+\](?:\.|$)", RegexOptions.CultureInvariant)]
    private static partial Regex BatchPrefix();
}
