using NodaTime;
using TriggerFlow.Engine.Inputs;

namespace TriggerFlow.Simulation.Input;

/// <summary>One thing read from an events file, with the line it started on (1-based).</summary>
public abstract record SourceRecord(long Line);

/// <summary>An input for one customer: an event, or an identify call's traits and consent.</summary>
public sealed record CustomerRecord(long Line, string CustomerId, EngineInput Input) : SourceRecord(Line);

/// <summary>An identify or alias call that links an anonymous visitor to a known customer.</summary>
public sealed record IdentityRecord(long Line, string AnonymousId, string CustomerId, Instant At) : SourceRecord(Line);

/// <summary>A line that could not be read.</summary>
/// <param name="Field">The JSON path or CSV column at fault; null when the whole line is.</param>
public sealed record BadLine(long Line, string? Field, string Message) : SourceRecord(Line)
{
    public override string ToString() => Field is null ? $"line {Line}: {Message}" : $"line {Line}, {Field}: {Message}";
}
