using System.Text.Json;

namespace TriggerFlow.Runtime.Ingestion.Documentation;

/// <summary>
/// A CloudEvent 1.0 in the JSON format, as TriggerFlow reads it (for the OpenAPI document; handlers
/// read JSON elements). A batch is a JSON array of these; in binary mode the attributes are
/// <c>ce-</c> headers and the body is <c>data</c>.
/// </summary>
/// <param name="Specversion">Must be <c>1.0</c>.</param>
/// <param name="Id">With <paramref name="Source"/>, the message id: a retry with the same pair changes nothing.</param>
/// <param name="Source">The producer, a URI reference.</param>
/// <param name="Type">The catalog event name, unless <paramref name="Triggerflowevent"/> names it.</param>
/// <param name="Subject">The customer id, unless <paramref name="Triggerflowcustomer"/> names it.</param>
/// <param name="Time">When it happened (RFC 3339); the arrival time when absent.</param>
/// <param name="Datacontenttype">Absent or a JSON type: TriggerFlow reads properties from a JSON object.</param>
/// <param name="Data">The event's properties, a JSON object.</param>
/// <param name="DataBase64">The properties as base64-encoded JSON, instead of <paramref name="Data"/>.</param>
/// <param name="Triggerflowevent">Extension: the catalog event, when <paramref name="Type"/> is the producer's own name.</param>
/// <param name="Triggerflowcustomer">Extension: the customer id, when <paramref name="Subject"/> is something else.</param>
public sealed record CloudEventPayload(
    string Specversion,
    string Id,
    string Source,
    string Type,
    string? Subject,
    DateTimeOffset? Time,
    string? Datacontenttype,
    JsonElement? Data,
    [property: System.Text.Json.Serialization.JsonPropertyName("data_base64")] string? DataBase64,
    string? Triggerflowevent,
    string? Triggerflowcustomer);
