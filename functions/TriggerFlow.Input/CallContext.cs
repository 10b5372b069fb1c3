using System.Text.Json;
using NodaTime;

namespace TriggerFlow.Input;

/// <summary>
/// Where one call was found and when it was received, for <see cref="Segment.SegmentMapper"/> and
/// <see cref="CloudEvents.CloudEventMapper"/>.
/// </summary>
/// <param name="Path">Prefix for field names in errors (<c>batch[2].</c>); empty for a single call.</param>
/// <param name="ReceivedAt">
/// When the host received the call (a live post). Null in a backtest, where the call's own
/// <c>receivedAt</c>, written by the platform that received it, says so.
/// </param>
/// <param name="SentAt">The enclosing batch's <c>sentAt</c>, for calls that carry none of their own.</param>
/// <param name="Type">The call type an endpoint implies (<c>/v1/track</c>); null when the call says (batch items, files).</param>
/// <param name="FallbackId">The message id for a call that posts none; null to derive it from the call's bytes.</param>
public readonly record struct CallContext(string Path, Instant? ReceivedAt, Instant? SentAt = null, string? Type = null, string? FallbackId = null)
{
    /// <summary>The message id of a call that posts none: the caller's, else a hash of its exact JSON, so a retry gets the same one.</summary>
    internal string Fallback(JsonElement call) => FallbackId ?? FallbackIds.Of(call);
}
