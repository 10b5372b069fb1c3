using System.Globalization;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Checking;

/// <summary>
/// Checks a condition: every name resolves (through <c>resolve</c>, which reports the ones that
/// do not), every operator suits its property's type, and every value has that type.
/// </summary>
internal sealed class TypeChecker(Reporter report, Func<PropertyPath, PropertyType?> resolve, Action<Identifier> segment)
{
    public void Check(ConditionSyntax condition)
    {
        foreach (var atom in Conditions.Atoms(condition))
        {
            switch (atom)
            {
                case SegmentCondition s:
                    segment(s.Segment);
                    break;
                case ComparisonCondition comparison:
                    Comparison(comparison);
                    break;
                case InCondition inList:
                    In(inList);
                    break;
                case IsSetCondition isSet:
                    resolve(isSet.Path);
                    break;
            }
        }
    }

    private void Comparison(ComparisonCondition comparison)
    {
        if (resolve(comparison.Path) is not { } type)
        {
            return;
        }

        var path = comparison.Path;
        if (OperatorProblem(comparison.Operator, type, path) is { } problem)
        {
            report.Add(Descriptors.OperatorNotValid, Spans.Between(path.Span, comparison.Value.Span, report.Text), problem.Message, problem.Hint);
            return;
        }

        if (comparison.Value is ListValue list)
        {
            report.Add(Descriptors.TypeMismatch, list.Span, "a list can only follow `in`", $"write `{path} in [...]` to match any of several values");
            return;
        }

        Value(path, type, comparison.Value);
    }

    private void In(InCondition condition)
    {
        if (resolve(condition.Path) is not { } type)
        {
            return;
        }

        var path = condition.Path;
        if (type == PropertyType.StringList)
        {
            report.Add(
                Descriptors.OperatorNotValid,
                Spans.Between(path.Span, condition.Values.Span, report.Text),
                $"`{path}` is a list, so `in` cannot compare it with single values",
                $"test one value with `{path} contains \"...\"`, or several with `or`");
            return;
        }

        foreach (var item in condition.Values.Items)
        {
            Value(path, type, item);
        }
    }

    private void Value(PropertyPath path, PropertyType type, ValueSyntax value)
    {
        if (!Fits(type, value))
        {
            report.Add(
                Descriptors.TypeMismatch,
                value.Span,
                $"`{path}` is {TypeName(type)}, but {Show(value)} is {KindName(value)}",
                FixHint(path, type, value));
        }
    }

    private static bool Fits(PropertyType type, ValueSyntax value) => (type, value) switch
    {
        (PropertyType.String or PropertyType.StringList, StringValue) => true,
        (PropertyType.Number, NumberValue) => true,
        (PropertyType.Boolean, BooleanValue) => true,
        (PropertyType.Date or PropertyType.DateTime, DateValue) => true,
        _ => false,
    };

    private static (string Message, string Hint)? OperatorProblem(ComparisonOperator op, PropertyType type, PropertyPath path) => op switch
    {
        ComparisonOperator.Contains when type is not (PropertyType.String or PropertyType.StringList) =>
            ($"`contains` looks inside text and lists, but `{path}` is {TypeName(type)}", "compare it with `=` or `!=` instead"),
        ComparisonOperator.Less or ComparisonOperator.LessOrEqual or ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual
            when type is not (PropertyType.Number or PropertyType.Date or PropertyType.DateTime) =>
            ($"`{Symbol(op)}` compares numbers and dates, but `{path}` is {TypeName(type)}", "use `=`, `!=`, `in` or `contains` for text"),
        ComparisonOperator.Equal or ComparisonOperator.NotEqual when type == PropertyType.StringList =>
            ($"`{Symbol(op)}` cannot compare the list `{path}` with one value", $"test whether it holds a value with `{path} contains \"...\"`"),
        _ => null,
    };

    private static string FixHint(PropertyPath path, PropertyType type, ValueSyntax value) => (type, value) switch
    {
        (PropertyType.Number, StringValue s) when decimal.TryParse(s.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) => $"remove the quotes: `{s.Value}`",
        (PropertyType.Number, PercentValue p) => $"write the number without `%`: `{p.Value.ToString(CultureInfo.InvariantCulture)}`",
        (PropertyType.Date or PropertyType.DateTime, StringValue s) when DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) =>
            $"remove the quotes: `{s.Value}`",
        (PropertyType.Boolean, StringValue { Value: "true" or "false" } s) => $"remove the quotes: `{s.Value}`",
        (PropertyType.String or PropertyType.StringList, not ListValue) => $"put the value in quotes: `\"{Show(value).Trim('`')}\"`",
        _ => $"compare `{path}` with {TypeName(type)}, such as `{Example(type)}`",
    };

    private static string TypeName(PropertyType type) => type switch
    {
        PropertyType.String => "text",
        PropertyType.Number => "a number",
        PropertyType.Boolean => "true or false",
        PropertyType.Date => "a date",
        PropertyType.DateTime => "a date and time",
        _ => "a list",
    };

    private static string Example(PropertyType type) => type switch
    {
        PropertyType.Number => "10",
        PropertyType.Boolean => "true",
        PropertyType.Date or PropertyType.DateTime => "2026-07-01",
        _ => "\"kids\"",
    };

    private static string KindName(ValueSyntax value) => value switch
    {
        StringValue => "text",
        NumberValue => "a number",
        PercentValue => "a percentage",
        BooleanValue => "true or false",
        DateValue => "a date",
        TimeValue => "a time of day",
        _ => "a list",
    };

    private static string Show(ValueSyntax value) => value switch
    {
        StringValue s => $"`\"{s.Value}\"`",
        NumberValue n => $"`{n.Value.ToString(CultureInfo.InvariantCulture)}`",
        PercentValue p => $"`{p.Value.ToString(CultureInfo.InvariantCulture)}%`",
        BooleanValue b => b.Value ? "`true`" : "`false`",
        DateValue d => $"`{d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}`",
        TimeValue t => $"`{t.Value.ToString("HH:mm", CultureInfo.InvariantCulture)}`",
        _ => "the list",
    };

    private static string Symbol(ComparisonOperator op) => op switch
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
