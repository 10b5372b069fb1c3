using TriggerFlow.Runtime.Ingestion.Acceptance;

namespace TriggerFlow.Runtime.Ingestion.Documentation;

/// <summary>
/// The documented shape of a 400 for items that failed validation (RFC 7807 problem details). The
/// valid items of the same request were handled: <see cref="Items"/> tells each item's fate.
/// </summary>
/// <param name="Type"><c>urn:triggerflow:problem:invalid-input</c>; other problems use other URNs and carry no items.</param>
/// <param name="Errors">Messages per bad field, keyed like <c>batch[2].timestamp</c> (Segment), <c>[1].subject</c> (CloudEvents batch) or <c>event</c> (a single call).</param>
/// <param name="Items">Every item of the request, in order, with its status.</param>
public sealed record IngestionProblem(
    string Type,
    string Title,
    int Status,
    string Detail,
    IReadOnlyDictionary<string, string[]> Errors,
    int Accepted,
    int Duplicates,
    int Late,
    int Ignored,
    int Rejected,
    IReadOnlyList<ItemResult> Items);
