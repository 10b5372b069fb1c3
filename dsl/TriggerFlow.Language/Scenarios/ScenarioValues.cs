using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Scenarios;

/// <summary>Which written values fit which catalog types, and how to say so.</summary>
internal static class ScenarioValues
{
    public static bool Fits(ValueSyntax value, PropertyType type) => (value, type) switch
    {
        (StringValue, PropertyType.String) => true,
        (NumberValue, PropertyType.Number) => true,
        (BooleanValue, PropertyType.Boolean) => true,
        (DateValue, PropertyType.Date) => true,
        (DateTimeValue, PropertyType.DateTime) => true,
        (ListValue list, PropertyType.StringList) => list.Items.All(i => i is StringValue),
        _ => false,
    };

    public static string Describe(PropertyType type) => type switch
    {
        PropertyType.String => "text",
        PropertyType.Number => "a number",
        PropertyType.Boolean => "true or false",
        PropertyType.Date => "a date",
        PropertyType.DateTime => "a date and time",
        _ => "a list of text",
    };

    public static string Describe(ValueSyntax value) => value switch
    {
        StringValue => "text",
        NumberValue => "a number",
        BooleanValue => "true or false",
        DateValue => "a date",
        DateTimeValue => "a date and time",
        TimeValue => "a time of day",
        PercentValue => "a percentage",
        _ => "a list",
    };

    public static string Example(PropertyType type) => type switch
    {
        PropertyType.String => "text in quotes, such as \"kids-clothing\"",
        PropertyType.Number => "a number, such as 20 or 0.75",
        PropertyType.Boolean => "true or false",
        PropertyType.Date => "a date, such as 2025-08-20",
        PropertyType.DateTime => "a date and time, such as 2026-07-01 10:00",
        _ => "a list of text, such as [\"price\", \"coverage\"]",
    };
}
