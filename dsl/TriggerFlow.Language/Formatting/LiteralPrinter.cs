using System.Globalization;
using System.Text;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Formatting;

/// <summary>Literals in their canonical spelling: each one reads back as the value it was printed from.</summary>
internal static class LiteralPrinter
{
    public static string Value(ValueSyntax value) => value switch
    {
        StringValue s => String(s.Value),
        NumberValue n => Number(n.Value),
        PercentValue p => Percent(p.Value),
        BooleanValue b => b.Value ? "true" : "false",
        DateValue d => Date(d.Value),
        TimeValue t => Time(t.Value),
        ListValue l => "[" + string.Join(", ", l.Items.Select(Value)) + "]",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "unknown value kind"),
    };

    /// <summary>
    /// Quotes and escapes a string. Control characters and lone surrogates become <c>\uXXXX</c>:
    /// raw, they would either be rejected by the scanner or could not be written as UTF-8.
    /// </summary>
    public static string String(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
                continue;
            }

            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) || char.IsSurrogate(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    /// <summary>Invariant digits without trailing fractional zeros: <c>10.50</c> prints as <c>10.5</c>, the same decimal value.</summary>
    public static string Number(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    public static string Percent(decimal value) => Number(value) + "%";

    /// <summary>The short form: <c>30 days</c> prints as <c>30d</c>.</summary>
    public static string Duration(DurationSyntax duration) =>
        duration.Amount.ToString(CultureInfo.InvariantCulture) + duration.Unit switch
        {
            DurationUnit.Seconds => "s",
            DurationUnit.Minutes => "m",
            DurationUnit.Hours => "h",
            DurationUnit.Days => "d",
            _ => "w",
        };

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
