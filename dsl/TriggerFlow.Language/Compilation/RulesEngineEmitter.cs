using System.Globalization;
using System.Text.RegularExpressions;
using RulesEngine.Models;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Compilation;

/// <summary>
/// Writes an audience as a RulesEngine lambda expression. No text from a rule reaches the
/// expression: literals become <c>lit.l0</c>, <c>lit.l1</c>… whose values travel beside it,
/// and property names are catalog names re-checked against a plain identifier pattern here.
/// Every property test first checks the property is set, so a missing trait makes the test
/// false instead of throwing.
/// </summary>
internal static partial class RulesEngineEmitter
{
    /// <summary>The workflow plan for <paramref name="condition"/>; <paramref name="span"/> locates any error.</summary>
    public static AudienceWorkflowPlan Emit(string workflowName, ConditionPlan condition, SourceSpan span)
    {
        var writer = new Writer(span);
        var expression = writer.Write(condition);
        return new AudienceWorkflowPlan(workflowName, expression, writer.Properties, writer.Literals);
    }

    /// <summary>The RulesEngine workflow: one lambda rule named <see cref="AudienceWorkflowPlan.RuleName"/>.</summary>
    public static Workflow ToWorkflow(AudienceWorkflowPlan plan) => new()
    {
        WorkflowName = plan.WorkflowName,
        Rules =
        [
            new Rule
            {
                RuleName = AudienceWorkflowPlan.RuleName,
                RuleExpressionType = RuleExpressionType.LambdaExpression,
                Expression = plan.Expression,
            },
        ],
    };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();

    private sealed class Writer(SourceSpan span)
    {
        private readonly List<Literal> _literals = [];
        private readonly SortedSet<InputPropertyPlan> _properties = new(Comparer<InputPropertyPlan>.Create(
            (a, b) => a.Scope != b.Scope ? a.Scope.CompareTo(b.Scope) : string.CompareOrdinal(a.Name, b.Name)));

        public IReadOnlyList<Literal> Literals => _literals;

        public IReadOnlyList<InputPropertyPlan> Properties => [.. _properties];

        public string Write(ConditionPlan condition) => condition switch
        {
            AndPlan all => Join(all.Operands, " && ", "true"),
            OrPlan any => Join(any.Operands, " || ", "false"),
            NotPlan negation => $"!({Write(negation.Operand)})",
            ComparePlan compare => Compare(compare),
            InPlan @in => In(@in),
            IsSetPlan isSet => $"{Access(isSet.Property)} {(isSet.Negated ? "==" : "!=")} null",
            _ => throw new CompilationError(span, $"unsupported condition `{condition.GetType().Name}`"),
        };

        private string Join(IReadOnlyList<ConditionPlan> operands, string separator, string empty) =>
            operands.Count == 0 ? empty : "(" + string.Join(separator, operands.Select(Write)) + ")";

        private string Compare(ComparePlan compare)
        {
            var property = Access(compare.Property);
            var literal = Hoist(compare.Value);
            var test = compare.Operator switch
            {
                ComparisonOperator.Equal => $"{property} == {literal}",
                ComparisonOperator.NotEqual => $"{property} != {literal}",
                ComparisonOperator.Less => $"{property} < {literal}",
                ComparisonOperator.LessOrEqual => $"{property} <= {literal}",
                ComparisonOperator.Greater => $"{property} > {literal}",
                ComparisonOperator.GreaterOrEqual => $"{property} >= {literal}",
                _ => $"{property}.Contains({literal})",
            };
            return $"({property} != null && {test})";
        }

        private string In(InPlan @in)
        {
            var property = Access(@in.Property);
            var any = @in.Values.Count == 0
                ? "false"
                : "(" + string.Join(" || ", @in.Values.Select(v => $"{property} == {Hoist(v)}")) + ")";
            return $"({property} != null && {(@in.Negated ? "!" : "")}{any})";
        }

        private string Access(PropertyRef property)
        {
            var input = property.Scope switch
            {
                PropertyScope.Profile => AudienceWorkflowPlan.ProfileInput,
                PropertyScope.Signal => AudienceWorkflowPlan.SignalInput,
                _ => throw new CompilationError(span, $"`{property.Name}` in an audience needs `profile.` or `event.` before it"),
            };
            if (!SafeName().IsMatch(property.Name))
            {
                throw new CompilationError(span, $"`{property.Name}` cannot be used in an audience: names there are letters, digits and `_`");
            }

            _properties.Add(new InputPropertyPlan(property.Scope, property.Name, property.Type));
            return input + "." + property.Name;
        }

        private string Hoist(Literal literal)
        {
            _literals.Add(literal);
            return AudienceWorkflowPlan.LiteralInput + ".l" + (_literals.Count - 1).ToString(CultureInfo.InvariantCulture);
        }
    }
}
