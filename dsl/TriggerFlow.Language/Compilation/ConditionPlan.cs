using System.Text.Json.Serialization;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Compilation;

/// <summary>
/// A compiled condition: an event filter or an audience, segments already expanded inline.
/// The engine evaluates this tree directly; the audience's RulesEngine workflow is its reference.
/// <c>and</c> and <c>or</c> are flattened into lists so regrouping does not change a rule's version.
/// </summary>
/// <remarks>
/// Missing values: every comparison and <c>in</c> / <c>not in</c> on a property that is not set
/// is false; only <c>is not set</c> is true for it. <c>not</c> is plain negation.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(AndPlan), "and")]
[JsonDerivedType(typeof(OrPlan), "or")]
[JsonDerivedType(typeof(NotPlan), "not")]
[JsonDerivedType(typeof(ComparePlan), "compare")]
[JsonDerivedType(typeof(InPlan), "in")]
[JsonDerivedType(typeof(IsSetPlan), "is-set")]
public abstract record ConditionPlan;

/// <summary>True when every operand is.</summary>
public sealed record AndPlan(IReadOnlyList<ConditionPlan> Operands) : ConditionPlan;

/// <summary>True when any operand is.</summary>
public sealed record OrPlan(IReadOnlyList<ConditionPlan> Operands) : ConditionPlan;

public sealed record NotPlan(ConditionPlan Operand) : ConditionPlan;

/// <summary><c>profile.lines &gt;= 2</c>; <c>contains</c> is a substring test on strings and membership on lists.</summary>
public sealed record ComparePlan(PropertyRef Property, ComparisonOperator Operator, Literal Value) : ConditionPlan;

/// <summary><c>profile.loyalty_tier in ["gold", "platinum"]</c>, or <c>not in</c> when negated.</summary>
public sealed record InPlan(PropertyRef Property, bool Negated, IReadOnlyList<Literal> Values) : ConditionPlan;

/// <summary><c>profile.email is set</c>, or <c>is not set</c> when negated.</summary>
public sealed record IsSetPlan(PropertyRef Property, bool Negated) : ConditionPlan;

/// <summary>
/// A property a condition reads: <c>event</c> is the event a filter is about, <c>signal</c> the
/// rule's triggering event (<c>event.x</c> in an audience), <c>profile</c> a customer trait.
/// The type comes from the catalog.
/// </summary>
public sealed record PropertyRef(PropertyScope Scope, string Name, PropertyType Type);
