namespace TriggerFlow.Runtime.Delivery;

/// <summary>
/// One message waiting in a customer's outbox, as channels receive it. Template parameters and the
/// signal's data are rendered to plain JSON objects when the engine decides the send, so the entry
/// stores and travels as text.
/// </summary>
/// <param name="IdempotencyKey">Unique per (customer, rule, window, channel): the ledger and channels send at most once per key.</param>
/// <param name="CustomerId">The recipient: channels resolve the address from it.</param>
/// <param name="DecidedAt">The send decision's time (event time: the window's deadline or a hold's release).</param>
[GenerateSerializer, Immutable]
[Alias("TriggerFlow.Runtime.OutboundMessage")]
public sealed record OutboundMessage(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Rule,
    [property: Id(3)] string Version,
    [property: Id(4)] string? Variant,
    [property: Id(5)] string Channel,
    [property: Id(6)] string Template,
    [property: Id(7)] string ParametersJson,
    [property: Id(8)] string DataJson,
    [property: Id(9)] DateTimeOffset DecidedAt);
