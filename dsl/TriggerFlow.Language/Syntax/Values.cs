namespace TriggerFlow.Language.Syntax;

/// <summary>A name written in a rule: an event word, a property, a segment, a channel.</summary>
public sealed record Identifier(string Text, SourceSpan Span)
{
    public override string ToString() => Text;
}

/// <summary>The unit a duration was written in.</summary>
public enum DurationUnit
{
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
}

/// <summary>A length of time as written: <c>24h</c>, <c>30 days</c>.</summary>
public sealed record DurationSyntax(long Amount, DurationUnit Unit, SourceSpan Span)
{
    public TimeSpan ToTimeSpan() => Unit switch
    {
        DurationUnit.Seconds => TimeSpan.FromSeconds(Amount),
        DurationUnit.Minutes => TimeSpan.FromMinutes(Amount),
        DurationUnit.Hours => TimeSpan.FromHours(Amount),
        DurationUnit.Days => TimeSpan.FromDays(Amount),
        _ => TimeSpan.FromDays(Amount * 7),
    };

    /// <summary>The whole number of seconds, saturating instead of overflowing.</summary>
    public long TotalSeconds
    {
        get
        {
            long factor = Unit switch
            {
                DurationUnit.Seconds => 1,
                DurationUnit.Minutes => 60,
                DurationUnit.Hours => 3600,
                DurationUnit.Days => 86_400,
                _ => 604_800,
            };
            return Amount > long.MaxValue / factor ? long.MaxValue : Amount * factor;
        }
    }
}

/// <summary>A literal value in a condition, a parameter or an offer.</summary>
public abstract record ValueSyntax(SourceSpan Span);

public sealed record StringValue(string Value, SourceSpan Span) : ValueSyntax(Span);

public sealed record NumberValue(decimal Value, SourceSpan Span) : ValueSyntax(Span);

public sealed record BooleanValue(bool Value, SourceSpan Span) : ValueSyntax(Span);

/// <summary>A percentage as written, <c>10%</c> holds 10.</summary>
public sealed record PercentValue(decimal Value, SourceSpan Span) : ValueSyntax(Span);

public sealed record DateValue(DateOnly Value, SourceSpan Span) : ValueSyntax(Span);

public sealed record TimeValue(TimeOnly Value, SourceSpan Span) : ValueSyntax(Span);

public sealed record ListValue(EquatableList<ValueSyntax> Items, SourceSpan Span) : ValueSyntax(Span);
