using NodaTime;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Engine.Conditions;

/// <summary>The values a condition can read: the event it filters, the rule's signal, and the profile.</summary>
internal readonly record struct ConditionScope(
    IReadOnlyDictionary<string, object?> Event,
    IReadOnlyDictionary<string, object?> Signal,
    IReadOnlyDictionary<string, object?> Profile);

/// <summary>
/// Evaluates compiled conditions directly on typed values: the engine's fast path. Its answers
/// are held equal to the RulesEngine workflow of the same condition by a differential test.
/// A property that is not set (missing, null, or of another type than the catalog's) makes every
/// comparison false; only <c>is not set</c> is true.
/// </summary>
internal static class ConditionEvaluator
{
    public static bool Evaluate(ConditionPlan condition, in ConditionScope scope) => condition switch
    {
        AndPlan and => All(and.Operands, scope),
        OrPlan or => Any(or.Operands, scope),
        NotPlan not => !Evaluate(not.Operand, scope),
        ComparePlan compare => Read(compare.Property, scope) is { } value && Compare(value, compare.Operator, compare.Value),
        InPlan @in => Read(@in.Property, scope) is { } value && In(value, @in.Values) != @in.Negated,
        IsSetPlan isSet => Read(isSet.Property, scope) is not null != isSet.Negated,
        _ => false,
    };

    // Index loops, not foreach: enumerating an IReadOnlyList allocates, and this runs for every filter and audience.
    private static bool All(IReadOnlyList<ConditionPlan> operands, in ConditionScope scope)
    {
        for (var i = 0; i < operands.Count; i++)
        {
            if (!Evaluate(operands[i], scope))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Any(IReadOnlyList<ConditionPlan> operands, in ConditionScope scope)
    {
        for (var i = 0; i < operands.Count; i++)
        {
            if (Evaluate(operands[i], scope))
            {
                return true;
            }
        }

        return false;
    }

    private static bool In(object value, IReadOnlyList<Literal> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (Equal(value, values[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static object? Read(PropertyRef property, in ConditionScope scope)
    {
        var bag = property.Scope switch
        {
            PropertyScope.Profile => scope.Profile,
            PropertyScope.Signal => scope.Signal,
            _ => scope.Event,
        };
        return bag.TryGetValue(property.Name, out var value) ? Typed(value, property.Type) : null;
    }

    /// <summary>
    /// A value of another type than the catalog's counts as not set, as in the RulesEngine workflow
    /// (so <c>!=</c> is false for it, not true); a date trait holding an instant is read as its UTC date.
    /// </summary>
    private static object? Typed(object? value, PropertyType type) => (value, type) switch
    {
        (string, PropertyType.String) or (decimal, PropertyType.Number) or (bool, PropertyType.Boolean)
            or (LocalDate, PropertyType.Date or PropertyType.DateTime) or (Instant, PropertyType.DateTime)
            or (IReadOnlyList<string>, PropertyType.StringList) => value,
        (Instant instant, PropertyType.Date) => instant.InUtc().Date,
        _ => null,
    };

    private static bool Compare(object value, ComparisonOperator op, Literal literal)
    {
        if (op == ComparisonOperator.Contains)
        {
            return Contains(value, literal);
        }

        if (op is ComparisonOperator.Equal)
        {
            return Equal(value, literal);
        }

        if (op is ComparisonOperator.NotEqual)
        {
            return Order(value, literal) is { } c ? c != 0 : !Equal(value, literal);
        }

        return Order(value, literal) is { } order && op switch
        {
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Greater => order > 0,
            _ => order >= 0,
        };
    }

    internal static bool Equal(object value, Literal literal) => value switch
    {
        string s => literal is StringLiteral l && string.Equals(s, l.Value, StringComparison.Ordinal),
        bool b => literal is BooleanLiteral l && b == l.Value,
        _ => Order(value, literal) == 0,
    };

    /// <summary>Orders numbers, dates and timestamps against a literal; null when they cannot be compared.</summary>
    private static int? Order(object value, Literal literal) => (value, literal) switch
    {
        (decimal d, NumberLiteral n) => d.CompareTo(n.Value),
        (decimal d, PercentLiteral p) => d.CompareTo(p.Value),
        (LocalDate d, DateLiteral l) => d.CompareTo(LocalDate.FromDateOnly(l.Value)),
        (Instant i, DateLiteral l) => i.CompareTo(LocalDate.FromDateOnly(l.Value).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()),
        (string s, StringLiteral l) => string.CompareOrdinal(s, l.Value),
        _ => null,
    };

    private static bool Contains(object value, Literal literal) => (value, literal) switch
    {
        (IReadOnlyList<string> list, StringLiteral l) => list.Contains(l.Value, StringComparer.Ordinal),
        (string s, StringLiteral l) => s.Contains(l.Value, StringComparison.Ordinal),
        _ => false,
    };
}
