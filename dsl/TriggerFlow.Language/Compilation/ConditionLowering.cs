using System.Collections.Immutable;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Compilation;

/// <summary>
/// Turns written conditions into <see cref="ConditionPlan"/> trees: segments expanded inline,
/// <c>and</c>/<c>or</c> flattened, every property resolved to its catalog type.
/// </summary>
internal sealed class ConditionLowering(EventCatalog catalog, IReadOnlyDictionary<string, SegmentSyntax> segments)
{
    /// <summary>A filter after <c>where</c>: bare names are properties of <paramref name="subject"/>.</summary>
    public ConditionPlan Filter(ConditionSyntax condition, EventDefinition subject) =>
        Lower(condition, new Context(subject, null, []));

    /// <summary>An audience: <c>profile.x</c> is a trait, <c>event.x</c> a property of the rule's <paramref name="signal"/>.</summary>
    public ConditionPlan Audience(ConditionSyntax condition, EventDefinition signal) =>
        Lower(condition, new Context(null, signal, []));

    /// <summary><c>of "x"</c>: the event's subject property equals x.</summary>
    public static ConditionPlan Of(StringValue value, EventDefinition subject)
    {
        if (subject.Subject is not { } property || !subject.Properties.TryGetValue(property, out var type))
        {
            throw new CompilationError(value.Span, $"event `{subject.Name}` has no subject property for `of`");
        }

        return new ComparePlan(new PropertyRef(PropertyScope.Event, property, type), ComparisonOperator.Equal, new StringLiteral(value.Value));
    }

    /// <summary>Both conditions; either may be absent. Nested <c>and</c>s are merged into one list.</summary>
    public static ConditionPlan? Both(ConditionPlan? first, ConditionPlan? second) =>
        first is null ? second : second is null ? first : new AndPlan([.. Conjuncts(first), .. Conjuncts(second)]);

    private ConditionPlan Lower(ConditionSyntax condition, Context context) => condition switch
    {
        AndCondition both => new AndPlan([.. Conjuncts(Lower(both.Left, context)), .. Conjuncts(Lower(both.Right, context))]),
        OrCondition either => new OrPlan([.. Disjuncts(Lower(either.Left, context)), .. Disjuncts(Lower(either.Right, context))]),
        NotCondition negation => new NotPlan(Lower(negation.Operand, context)),
        SegmentCondition segment => Expand(segment, context),
        ComparisonCondition compare => new ComparePlan(Resolve(compare.Path, context), compare.Operator, Literals.From(compare.Value)),
        InCondition @in => new InPlan(Resolve(@in.Path, context), @in.Negated, [.. @in.Values.Items.Select(Literals.From)]),
        IsSetCondition isSet => new IsSetPlan(Resolve(isSet.Path, context), isSet.Negated),
        _ => throw new CompilationError(condition.Span, $"unsupported condition `{condition.GetType().Name}`"),
    };

    private static IEnumerable<ConditionPlan> Conjuncts(ConditionPlan plan) => plan is AndPlan all ? all.Operands : [plan];

    private static IEnumerable<ConditionPlan> Disjuncts(ConditionPlan plan) => plan is OrPlan any ? any.Operands : [plan];

    private ConditionPlan Expand(SegmentCondition reference, Context context)
    {
        var name = reference.Segment.Text;
        if (context.Expanding.Contains(name))
        {
            throw new CompilationError(reference.Span, $"segment `{name}` refers to itself");
        }

        if (!segments.TryGetValue(name, out var segment))
        {
            throw new CompilationError(reference.Span, $"segment `{name}` is not defined");
        }

        return Lower(segment.Condition, context with { Expanding = context.Expanding.Add(name) });
    }

    private PropertyRef Resolve(PropertyPath path, Context context)
    {
        if (path.Names.Count != 1)
        {
            throw new CompilationError(path.Span, $"`{path}` is not a property: properties have one-word names");
        }

        var properties = path.Scope switch
        {
            PropertyScope.Profile => catalog.Traits,
            PropertyScope.Signal => context.Signal?.Properties,
            _ => context.Subject?.Properties,
        };
        if (properties is null || !properties.TryGetValue(path.Name, out var type))
        {
            throw new CompilationError(path.Span, $"`{path}` does not resolve to a property in the catalog");
        }

        return new PropertyRef(path.Scope, path.Name, type);
    }

    /// <param name="Subject">The event a filter is about; null in an audience, where bare names are not allowed.</param>
    /// <param name="Signal">The rule's signal event; null in a filter.</param>
    /// <param name="Expanding">The segments being expanded, to stop a cycle the checker missed.</param>
    private sealed record Context(EventDefinition? Subject, EventDefinition? Signal, ImmutableHashSet<string> Expanding);
}
