using TriggerFlow.Engine.Inputs;

namespace TriggerFlow.Input;

/// <summary>A field of a posted call that is wrong, named as the source wrote it (<c>batch[2].timestamp</c>).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Something a source sent that TriggerFlow left out on purpose, counted by name.</summary>
/// <param name="Kind">What it is: <see cref="Event"/>, <see cref="Call"/>, <see cref="Trait"/>, <see cref="Property"/>, or <see cref="Time"/> for a timestamp set aside.</param>
/// <param name="Name">Its name as posted; a property as <c>event: property</c>.</param>
public sealed record IgnoredPart(string Kind, string Name)
{
    public const string Event = "event";
    public const string Call = "call";
    public const string Trait = "trait";
    public const string Property = "property";
    public const string Time = "time";

    /// <summary>The <see cref="Time"/> part of an event whose timestamp lay too far in the future and was set to its arrival.</summary>
    public static IgnoredPart FutureTimestamp { get; } = new(Time, "timestamp in the future (set to the arrival time)");
}

/// <summary>
/// One source call (a Segment call, a CloudEvent) mapped once to the engine's typed input: usable
/// (<see cref="Input"/> for <see cref="CustomerId"/>), left out on purpose (<see cref="IgnoredReason"/>),
/// or unusable (<see cref="Errors"/>, each naming its field). Every host and the backtest take calls
/// through this one mapping.
/// </summary>
/// <param name="MessageId">The id that makes a retry change nothing: the posted one, else the caller's fallback.</param>
/// <param name="CustomerId">The customer the input is for.</param>
/// <param name="Input">The typed event or profile; null when ignored or unusable.</param>
/// <param name="MergeFrom">An anonymous id whose history merges into <see cref="CustomerId"/> before the input applies (identify with both ids, alias).</param>
/// <param name="IgnoredReason">Why a valid call is not used (an event the catalog does not know, a screen call).</param>
/// <param name="Errors">What makes the call unusable; empty when it is usable or ignored.</param>
/// <param name="IgnoredParts">What was left out, for the statistics: the call, its event, undeclared traits and properties.</param>
public sealed record MappedCall(
    string MessageId,
    string? CustomerId,
    EngineInput? Input,
    string? MergeFrom,
    string? IgnoredReason,
    IReadOnlyList<FieldError> Errors,
    IReadOnlyList<IgnoredPart> IgnoredParts)
{
    /// <summary>The call type as posted or inferred (<c>track</c>, <c>identify</c>, …; <c>cloudevent</c>); null when it could not be told.</summary>
    public string? Call { get; init; }
}
