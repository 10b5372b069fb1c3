namespace TriggerFlow.Language.Syntax;

/// <summary>A boolean condition: event filters after <c>where</c>, audiences, segment definitions.</summary>
public abstract record ConditionSyntax(SourceSpan Span);

public sealed record AndCondition(ConditionSyntax Left, ConditionSyntax Right, SourceSpan Span) : ConditionSyntax(Span);

public sealed record OrCondition(ConditionSyntax Left, ConditionSyntax Right, SourceSpan Span) : ConditionSyntax(Span);

public sealed record NotCondition(ConditionSyntax Operand, SourceSpan Span) : ConditionSyntax(Span);

/// <summary><c>segment back-to-school</c>: membership of a segment defined once, elsewhere.</summary>
public sealed record SegmentCondition(Identifier Segment, SourceSpan Span) : ConditionSyntax(Span);

public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Contains,
}

/// <summary><c>category = "kids"</c>, <c>profile.age &gt;= 18</c>, <c>tags contains "vip"</c>.</summary>
public sealed record ComparisonCondition(PropertyPath Path, ComparisonOperator Operator, ValueSyntax Value, SourceSpan Span)
    : ConditionSyntax(Span);

/// <summary><c>country in ["US", "CA"]</c> or <c>country not in [...]</c>.</summary>
public sealed record InCondition(PropertyPath Path, bool Negated, ListValue Values, SourceSpan Span) : ConditionSyntax(Span);

/// <summary><c>profile.email is set</c> or <c>is not set</c>.</summary>
public sealed record IsSetCondition(PropertyPath Path, bool Negated, SourceSpan Span) : ConditionSyntax(Span);

/// <summary>Where a property is read from.</summary>
public enum PropertyScope
{
    /// <summary>A bare name: a property of the event the clause is about.</summary>
    Event,

    /// <summary><c>profile.x</c>: a trait of the customer.</summary>
    Profile,

    /// <summary><c>event.x</c>: a property of the rule's triggering signal, used in an audience.</summary>
    Signal,
}

/// <summary>A property reference: a scope and a dotted name such as <c>profile.country</c>.</summary>
public sealed record PropertyPath(PropertyScope Scope, EquatableList<Identifier> Names, SourceSpan Span)
{
    public string Name => string.Join('.', Names.Select(n => n.Text));

    public override string ToString() => Scope switch
    {
        PropertyScope.Profile => "profile." + Name,
        PropertyScope.Signal => "event." + Name,
        _ => Name,
    };
}
