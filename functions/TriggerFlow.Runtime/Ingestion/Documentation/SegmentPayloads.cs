using System.Text.Json;

namespace TriggerFlow.Runtime.Ingestion.Documentation;

// The documented request shapes of the Segment endpoints. Handlers read bodies as JSON elements
// (to bound their size, check signatures and report every bad field), so these types exist for the
// OpenAPI document only. Fields Segment defines that TriggerFlow does not use (context,
// integrations, sentAt, writeKey, ...) are accepted and ignored.

/// <summary>A Segment track call.</summary>
/// <param name="UserId">The customer; required unless <paramref name="AnonymousId"/> is given.</param>
/// <param name="AnonymousId">The customer when no <paramref name="UserId"/> is known.</param>
/// <param name="Event">A catalog event name (or a configured alias), e.g. <c>added to cart</c>.</param>
/// <param name="Properties">The event's properties; declared ones must have their catalog type.</param>
/// <param name="MessageId">Idempotency key; when absent, <c>sha256:</c> and the hash of the item's JSON.</param>
/// <param name="Timestamp">When it happened (ISO 8601 with an offset); the arrival time when absent.</param>
public sealed record SegmentTrack(string? UserId, string? AnonymousId, string Event, JsonElement? Properties, string? MessageId, DateTimeOffset? Timestamp);

/// <summary>A Segment identify call.</summary>
/// <param name="UserId">The customer; when given with <paramref name="AnonymousId"/>, the anonymous history merges into it.</param>
/// <param name="AnonymousId">The customer when no <paramref name="UserId"/> is known.</param>
/// <param name="Traits">Profile traits; catalog traits must have their catalog type.</param>
/// <param name="MessageId">Idempotency key; when absent, <c>sha256:</c> and the hash of the item's JSON.</param>
/// <param name="Timestamp">When it happened (ISO 8601 with an offset); the arrival time when absent.</param>
public sealed record SegmentIdentify(string? UserId, string? AnonymousId, JsonElement? Traits, string? MessageId, DateTimeOffset? Timestamp);

/// <summary>A Segment page call.</summary>
/// <param name="UserId">The customer; required unless <paramref name="AnonymousId"/> is given.</param>
/// <param name="AnonymousId">The customer when no <paramref name="UserId"/> is known.</param>
/// <param name="Name">The page's name (not used).</param>
/// <param name="Category">The page's category, added to the page event's properties when it declares one.</param>
/// <param name="Properties">Page properties (url, title, ...), passed to the page event.</param>
/// <param name="MessageId">Idempotency key; when absent, <c>sha256:</c> and the hash of the item's JSON.</param>
/// <param name="Timestamp">When it happened (ISO 8601 with an offset); the arrival time when absent.</param>
public sealed record SegmentPage(string? UserId, string? AnonymousId, string? Name, string? Category, JsonElement? Properties, string? MessageId, DateTimeOffset? Timestamp);

/// <summary>A Segment alias call.</summary>
/// <param name="PreviousId">The identity whose history merges into <paramref name="UserId"/>.</param>
/// <param name="UserId">The customer that remains.</param>
/// <param name="MessageId">Idempotency key; when absent, <c>sha256:</c> and the hash of the item's JSON.</param>
/// <param name="Timestamp">When it happened (ISO 8601 with an offset); the arrival time when absent.</param>
public sealed record SegmentAlias(string PreviousId, string UserId, string? MessageId, DateTimeOffset? Timestamp);

/// <summary>A Segment batch: calls of any type, each with its <c>type</c>.</summary>
/// <param name="Batch">The calls; each is a track, identify, page or alias call with <c>type</c> set, or a screen or group call (ignored).</param>
public sealed record SegmentBatch(IReadOnlyList<SegmentBatchItem> Batch);

/// <summary>One call in a batch: the fields of its type plus <c>type</c>.</summary>
/// <param name="Type"><c>track</c>, <c>identify</c>, <c>page</c>, <c>alias</c>, <c>screen</c> or <c>group</c>.</param>
public sealed record SegmentBatchItem(string Type, string? UserId, string? AnonymousId, string? Event, JsonElement? Properties, JsonElement? Traits, string? Category, string? PreviousId, string? MessageId, DateTimeOffset? Timestamp);
