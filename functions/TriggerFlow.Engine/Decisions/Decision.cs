using NodaTime;

namespace TriggerFlow.Engine.Decisions;

/// <summary>
/// Something the engine decided for one customer. <see cref="At"/> is the decision's logical
/// time in event time (a window's deadline, a signal's time), so replays and scenario tests
/// read the same times the rules talk about.
/// </summary>
public abstract record Decision(Instant At, string Rule, string Version);

/// <summary>Why a window was opened again.</summary>
public enum OpenReason
{
    Opened,

    /// <summary>A repeat signal moved the window's anchor to the latest signal.</summary>
    Restarted,
}

/// <summary>A rule's window opened (or restarted); it will be decided at <see cref="Deadline"/>.</summary>
public sealed record WindowOpened(Instant At, string Rule, string Version, string WindowId, OpenReason Reason, Instant Deadline)
    : Decision(At, Rule, Version);

/// <summary>How a window ended.</summary>
public enum CloseReason
{
    /// <summary>Its conditions were met and it fired.</summary>
    Satisfied,

    /// <summary>The awaited-absent event arrived in time (a purchase before the deadline).</summary>
    Cancelled,

    /// <summary>A sequence step did not happen in time.</summary>
    Expired,

    /// <summary>The rule was paused or withdrawn while the window was open.</summary>
    RulePaused,
}

/// <summary>A window closed.</summary>
/// <param name="Cause">The event that closed it, for explain (a cancelling purchase's message id).</param>
public sealed record WindowClosed(Instant At, string Rule, string Version, string WindowId, CloseReason Reason, string? Cause)
    : Decision(At, Rule, Version);

/// <summary>A message to deliver: everything the channel and template need.</summary>
/// <param name="Variant">The test arm; null for a rule without variants.</param>
/// <param name="Data">The signal's properties, for the template.</param>
/// <param name="IdempotencyKey">Unique per (rule, customer, window, channel): the outbox and channels send at most once per key.</param>
public sealed record SendDecision(
    Instant At,
    string Rule,
    string Version,
    string? Variant,
    string Channel,
    string Template,
    IReadOnlyDictionary<string, object?> Parameters,
    IReadOnlyDictionary<string, object?> Data,
    string IdempotencyKey) : Decision(At, Rule, Version);

/// <summary>Why a message was not sent (now).</summary>
public enum SuppressionReason
{
    /// <summary>This rule's own cap (<c>at most 1 per 7d</c>, <c>per cart</c>, <c>ever</c>).</summary>
    FrequencyCap,

    /// <summary>A cap across all rules on the channel.</summary>
    ChannelCap,

    /// <summary>Held until quiet hours end; it will be reconsidered then.</summary>
    QuietHoursHeld,

    /// <summary>Dropped: the rule says the moment has passed by morning.</summary>
    QuietHoursDropped,

    /// <summary>Another rule with a higher priority fired within the collision interval.</summary>
    CollisionLost,

    /// <summary>The customer has not consented to, or has opted out of, the channel.</summary>
    NoConsent,

    /// <summary>The customer is in the rule's control group: an exposure, not a send.</summary>
    ControlGroup,

    /// <summary>The customer no longer matches the rule's audience when it fires.</summary>
    NotInAudience,

    /// <summary>The rule's active period does not cover the moment it fired.</summary>
    OutsideActivePeriod,

    /// <summary>Outside the customer's tenure window (<c>within 90d of first purchase</c>).</summary>
    OutsideTenure,
}

/// <summary>A message that was not sent, and why.</summary>
/// <param name="Detail">More for the reader: the winning rule of a collision, the cap that was hit, the release time of a hold.</param>
public sealed record Suppressed(
    Instant At,
    string Rule,
    string Version,
    string? Variant,
    string? Channel,
    SuppressionReason Reason,
    string? Detail) : Decision(At, Rule, Version);

/// <summary>An event that arrived later than the allowed lateness: counted and reported, not applied.</summary>
public sealed record LateEventIgnored(Instant At, string MessageId, string Event, Duration Lateness) : Decision(At, "", "");
