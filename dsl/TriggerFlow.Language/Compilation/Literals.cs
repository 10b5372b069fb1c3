using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Compilation;

/// <summary>Converts written values into plan literals.</summary>
internal static class Literals
{
    public static Literal From(ValueSyntax value) => value switch
    {
        StringValue s => new StringLiteral(s.Value),
        NumberValue n => new NumberLiteral(Normalize(n.Value)),
        BooleanValue b => new BooleanLiteral(b.Value),
        PercentValue p => new PercentLiteral(Normalize(p.Value)),
        DateValue d => new DateLiteral(d.Value),
        TimeValue t => new TimeLiteral(t.Value),
        ListValue l => new ListLiteral([.. l.Items.Select(From)]),
        _ => throw new CompilationError(value.Span, $"unsupported value `{value.GetType().Name}`"),
    };

    /// <summary>Drops trailing zeros: <c>10.50</c> and <c>10.5</c> are one value and must hash alike.</summary>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;
}
