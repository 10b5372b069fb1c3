using System.Text.Json.Serialization;

namespace TriggerFlow.Language.Compilation;

/// <summary>
/// A typed value in a plan: a condition's operand or a template parameter. The <c>type</c>
/// discriminator keeps dates, times and percentages apart from the strings and numbers JSON
/// would otherwise turn them into.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(StringLiteral), "string")]
[JsonDerivedType(typeof(NumberLiteral), "number")]
[JsonDerivedType(typeof(BooleanLiteral), "boolean")]
[JsonDerivedType(typeof(PercentLiteral), "percent")]
[JsonDerivedType(typeof(DateLiteral), "date")]
[JsonDerivedType(typeof(TimeLiteral), "time")]
[JsonDerivedType(typeof(ListLiteral), "list")]
public abstract record Literal;

public sealed record StringLiteral(string Value) : Literal;

/// <summary>A number, with trailing zeros removed so <c>10.0</c> and <c>10</c> compile alike.</summary>
public sealed record NumberLiteral(decimal Value) : Literal;

public sealed record BooleanLiteral(bool Value) : Literal;

/// <summary>A percentage as written: <c>10%</c> holds 10.</summary>
public sealed record PercentLiteral(decimal Value) : Literal;

public sealed record DateLiteral(DateOnly Value) : Literal;

public sealed record TimeLiteral(TimeOnly Value) : Literal;

public sealed record ListLiteral(IReadOnlyList<Literal> Items) : Literal;
