using System.Globalization;
using System.Linq.Dynamic.Core;
using System.Text.Json;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Language.Compilation;

/// <summary>
/// The CLR values RulesEngine sees. Numbers are decimals; dates and date-times are UTC
/// <see cref="DateTime"/>s (a date is its midnight) so a date literal compares with either;
/// lists are lists of strings. Traits are nullable, so a missing one is null, not an error.
/// </summary>
internal static class InputValues
{
    public static Type ClrType(PropertyType type) => type switch
    {
        PropertyType.String => typeof(string),
        PropertyType.Number => typeof(decimal?),
        PropertyType.Boolean => typeof(bool?),
        PropertyType.Date or PropertyType.DateTime => typeof(DateTime?),
        _ => typeof(List<string>),
    };

    /// <summary>The object whose properties <c>l0</c>, <c>l1</c>… hold the literals, each typed as it was written.</summary>
    public static object Literals(IReadOnlyList<Literal> literals)
    {
        var values = literals.Select(Literal).ToList();
        var type = DynamicClassFactory.CreateType([.. values.Select((v, i) => new DynamicProperty(Name(i), v.GetType()))], false);
        var instance = Activator.CreateInstance(type)!;
        for (var i = 0; i < values.Count; i++)
        {
            type.GetProperty(Name(i))!.SetValue(instance, values[i]);
        }

        return instance;
    }

    /// <summary><paramref name="value"/> as <paramref name="type"/> expects it; null when it is missing or of another type.</summary>
    public static object? Convert(object? value, PropertyType type)
    {
        var plain = Unwrap(value);
        return plain switch
        {
            null => null,
            string s when type == PropertyType.String => s,
            bool b when type == PropertyType.Boolean => b,
            int or long or short or byte or sbyte or uint or ulong or ushort or decimal when type == PropertyType.Number =>
                System.Convert.ToDecimal(plain, CultureInfo.InvariantCulture),
            double or float when type == PropertyType.Number => FiniteDecimal(System.Convert.ToDouble(plain, CultureInfo.InvariantCulture)),
            _ when type is PropertyType.Date or PropertyType.DateTime => Moment(plain, type),
            IEnumerable<object?> items when type == PropertyType.StringList => items.All(i => i is string) ? items.Cast<string>().ToList() : null,
            _ => null,
        };
    }

    private static string Name(int index) => "l" + index.ToString(CultureInfo.InvariantCulture);

    private static object Literal(Literal literal) => literal switch
    {
        StringLiteral s => s.Value,
        NumberLiteral n => n.Value,
        PercentLiteral p => p.Value,
        BooleanLiteral b => b.Value,
        DateLiteral d => Midnight(d.Value),
        TimeLiteral t => t.Value.ToTimeSpan(),
        ListLiteral l => l.Items.Select(Literal).ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(literal), literal, "unknown literal"),
    };

    /// <summary>JSON profiles arrive as <see cref="JsonElement"/>s; read them as the plain values they hold.</summary>
    private static object? Unwrap(object? value) => value is JsonElement json ? json.ValueKind switch
    {
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => json.TryGetDecimal(out var d) ? d : null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => json.EnumerateArray().Select(item => Unwrap(item)).ToList(),
        _ => null,
    } : value;

    private static decimal? FiniteDecimal(double value) =>
        double.IsFinite(value) && Math.Abs(value) < (double)decimal.MaxValue ? (decimal)value : null;

    private static DateTime? Moment(object value, PropertyType type)
    {
        DateTime? moment = value switch
        {
            DateOnly d => Midnight(d),
            DateTime t => t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc),
            DateTimeOffset o => o.UtcDateTime,
            string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed.UtcDateTime,
            _ => null,
        };

        // A date trait has no time of day: a stray one must not make `= 2025-08-01` false.
        return type == PropertyType.Date ? moment?.Date : moment;
    }

    private static DateTime Midnight(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
