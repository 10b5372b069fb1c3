using TriggerFlow.Engine.Inputs;
using TriggerFlow.Runtime.Contacts;

namespace TriggerFlow.Runtime.Orchestration;

/// <summary>
/// One customer's durable orchestration: holds the engine state (windows, caps, profile) and the
/// customer's outbox, applies inputs through the engine, persists, and re-arms one wake-up for
/// the earliest deadline. Calls return only once their effect is durable.
/// </summary>
[Alias("TriggerFlow.Runtime.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Applies the inputs in order and persists them in one write; duplicates change nothing.</summary>
    [Alias("Ingest")]
    Task<IngestReceipt> Ingest(IReadOnlyList<CustomerInput> inputs);

    /// <summary>The live explain: pending windows, recent decisions, cap counters.</summary>
    [Alias("Inspect")]
    Task<CustomerSnapshot> Inspect();

    /// <summary>
    /// Called by the outbox dispatcher: the messages with these idempotency keys were delivered (or
    /// found in the delivery ledger) and leave the outbox. Unknown keys are ignored.
    /// </summary>
    [Alias("Acknowledge")]
    Task Acknowledge(IReadOnlyList<string> idempotencyKeys);

    /// <summary>
    /// Internal to identity merge: an anonymous customer hands its engine state (as storage JSON) to
    /// the known customer <paramref name="into"/> and starts afresh; its outbox stays and is delivered.
    /// A retry of the same identify (<paramref name="messageId"/>) gets the same state again, so a
    /// crash of the known customer before it persisted the merge loses nothing. Null when there is no state.
    /// </summary>
    [Alias("HandOver")]
    Task<string?> HandOver(string into, string messageId);

    /// <summary>
    /// Stores a validated push subscription durably, or refreshes it when its endpoint or token is
    /// already there. At most <paramref name="limit"/> are kept; the least recently posted go first.
    /// </summary>
    [Alias("SubscribePush")]
    Task<PushSubscribeResult> SubscribePush(PushSubscription subscription, int limit);

    /// <summary>Removes the push subscription with this endpoint or token; false when there is none.</summary>
    [Alias("UnsubscribePush")]
    Task<bool> UnsubscribePush(PushPlatform platform, string address);

    /// <summary>The customer's push subscriptions, least recently posted first.</summary>
    [Alias("PushSubscriptions")]
    Task<IReadOnlyList<PushSubscription>> PushSubscriptions();
}

/// <summary>What kind of input a source posted.</summary>
public enum CustomerInputKind
{
    /// <summary>An event (Segment track/page, a CloudEvent).</summary>
    Event,

    /// <summary>Traits and consent (Segment identify, alias); with <see cref="CustomerInput.PreviousId"/> it also merges identities.</summary>
    Identify,
}

/// <summary>
/// One input on its way to a customer grain, typed once by the shared input mapping
/// (TriggerFlow.Input) with the catalog the request saw: the grain applies it as it is. Immutable,
/// so a call within the silo hands it over without a copy; between silos it travels through
/// <see cref="EngineInputSurrogates"/>.
/// </summary>
/// <param name="Event">The event, for a Segment track or page call or a CloudEvent.</param>
/// <param name="Profile">The traits and consent, for an identify or alias call.</param>
/// <param name="PreviousId">For identify and alias: the anonymous id being merged into this customer, if any.</param>
[GenerateSerializer, Immutable]
[Alias("TriggerFlow.Runtime.CustomerInput")]
public sealed record CustomerInput(
    [property: Id(0)] EventInput? Event,
    [property: Id(1)] ProfileInput? Profile,
    [property: Id(2)] string? PreviousId)
{
    /// <summary>The engine input this carries.</summary>
    public EngineInput Input => (EngineInput?)Event ?? Profile ?? throw new InvalidOperationException("a customer input carries an event or a profile");

    public CustomerInputKind Kind => Event is null ? CustomerInputKind.Identify : CustomerInputKind.Event;

    /// <summary>The source's message id (the mapping always gives one): a retry with the same id changes nothing.</summary>
    public string MessageId => Event?.MessageId ?? Profile?.MessageId ?? "";

    /// <summary>The catalog event name (events only).</summary>
    public string? Name => Event?.Name;

    /// <summary>Wraps a mapped engine input (an event or a profile).</summary>
    public static CustomerInput Of(EngineInput input, string? previousId = null) => input switch
    {
        EventInput e => new(e, null, null),
        ProfileInput p => new(null, p, previousId),
        _ => throw new ArgumentException($"a {input.GetType().Name} is not posted by a source", nameof(input)),
    };
}

/// <summary>What happened to each input of an <see cref="ICustomerGrain.Ingest"/> call, in order.</summary>
[GenerateSerializer, Immutable]
[Alias("TriggerFlow.Runtime.IngestReceipt")]
public sealed record IngestReceipt([property: Id(0)] IReadOnlyList<IngestOutcome> Outcomes);

/// <summary>The fate of one input.</summary>
public enum IngestOutcome
{
    /// <summary>Applied and durable.</summary>
    Accepted,

    /// <summary>Seen before (same message id): acknowledged, nothing changed.</summary>
    Duplicate,

    /// <summary>Later than the allowed lateness: counted and reported, not applied.</summary>
    Late,
}

/// <summary>A customer's state as ops see it.</summary>
/// <param name="Known">Whether anything was ever stored for this customer; false for an id never seen.</param>
[GenerateSerializer, Immutable]
[Alias("TriggerFlow.Runtime.CustomerSnapshot")]
public sealed record CustomerSnapshot(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string StateJson,
    [property: Id(2)] IReadOnlyList<string> RecentDecisions,
    [property: Id(3)] DateTimeOffset? NextWakeUp,
    [property: Id(4)] bool Known);
