using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Formatting;

/// <summary>
/// Prints conditions with the fewest parentheses that read back as the same tree: <c>or</c>
/// binds loosest, then <c>and</c>, then <c>not</c>; both binary operators associate to the left,
/// so a right operand of the same operator keeps its parentheses.
/// </summary>
internal static class ConditionPrinter
{
    /// <summary>How tightly a condition binds; a condition printed where a tighter one is needed gets parentheses.</summary>
    public enum Binding
    {
        Or,
        And,
        Not,
        Atom,
    }

    public static string Print(ConditionSyntax condition, Binding context = Binding.Or)
    {
        var text = condition switch
        {
            OrCondition or => Print(or.Left, Binding.Or) + " or " + Print(or.Right, Binding.And),
            AndCondition and => Print(and.Left, Binding.And) + " and " + Print(and.Right, Binding.Not),
            NotCondition not => "not " + Print(not.Operand, Binding.Not),
            _ => Atom(condition),
        };
        return BindingOf(condition) < context ? "(" + text + ")" : text;
    }

    /// <summary>The atom a condition starts with, as the parser meets it first.</summary>
    public static ConditionSyntax Leftmost(ConditionSyntax condition) => condition switch
    {
        OrCondition or => Leftmost(or.Left),
        AndCondition and => Leftmost(and.Left),
        NotCondition not => Leftmost(not.Operand),
        _ => condition,
    };

    private static Binding BindingOf(ConditionSyntax condition) => condition switch
    {
        OrCondition => Binding.Or,
        AndCondition => Binding.And,
        NotCondition => Binding.Not,
        _ => Binding.Atom,
    };

    private static string Atom(ConditionSyntax condition) => condition switch
    {
        SegmentCondition segment => "segment " + segment.Segment.Text,
        ComparisonCondition comparison => $"{Path(comparison.Path)} {Operator(comparison.Operator)} {LiteralPrinter.Value(comparison.Value)}",
        InCondition @in => $"{Path(@in.Path)} {(@in.Negated ? "not in" : "in")} {LiteralPrinter.Value(@in.Values)}",
        IsSetCondition isSet => $"{Path(isSet.Path)} {(isSet.Negated ? "is not set" : "is set")}",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.GetType().Name, "unknown condition kind"),
    };

    private static string Path(PropertyPath path)
    {
        var name = string.Join('.', path.Names.Select(n => n.Text));
        return path.Scope switch
        {
            PropertyScope.Profile => "profile." + name,
            PropertyScope.Signal => "event." + name,
            _ => name,
        };
    }

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        _ => "contains",
    };
}
