using NodaTime;

namespace TriggerFlow.Engine.Inputs;

/// <summary>
/// One thing that happens to one customer. Values in property and trait bags are typed:
/// <see cref="string"/>, <see cref="decimal"/>, <see cref="bool"/>, <see cref="LocalDate"/>,
/// <see cref="Instant"/>, or <see cref="IReadOnlyList{T}"/> of string (see <see cref="PropertyValues"/>).
/// </summary>
/// <param name="ArrivalTime">When the platform received it: processing time, the engine's "now".</param>
public abstract record EngineInput(Instant ArrivalTime);

/// <summary>An event a source posted.</summary>
/// <param name="MessageId">The source's id for this event; a retry carries the same one and changes nothing.</param>
/// <param name="EventTime">When it happened; windows are measured in event time.</param>
public sealed record EventInput(
    string MessageId,
    string Name,
    IReadOnlyDictionary<string, object?> Properties,
    Instant EventTime,
    Instant ArrivalTime) : EngineInput(ArrivalTime);

/// <summary>
/// An identify call: traits to set (a null value removes one) and consent changes per channel.
/// </summary>
/// <param name="MessageId">Null when the source gave none; then it is not deduplicated.</param>
public sealed record ProfileInput(
    string? MessageId,
    IReadOnlyDictionary<string, object?> Traits,
    IReadOnlyDictionary<string, bool> Consent,
    Instant ArrivalTime) : EngineInput(ArrivalTime);

/// <summary>A durable wake-up: time has passed to <see cref="EngineInput.ArrivalTime"/>.</summary>
public sealed record WakeUpInput(Instant ArrivalTime) : EngineInput(ArrivalTime);
