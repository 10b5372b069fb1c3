using TriggerFlow.Language.Parsing;

namespace TriggerFlow.Language.Checking;

/// <summary>The wording shared by hints: "did you mean" first, then what is valid.</summary>
internal static class Hints
{
    /// <summary>
    /// "did you mean `x`? " followed by <paramref name="otherwise"/>. The renderer shows the question
    /// under the misspelt word and the rest as help, so it always comes first.
    /// </summary>
    public static string Unknown(string word, IEnumerable<string> candidates, string otherwise)
    {
        var suggestion = Suggestions.Closest(word, candidates);
        return suggestion is null ? otherwise : $"did you mean `{suggestion}`? {otherwise}";
    }

    /// <summary>"`a`, `b`, `c`", or "none" for an empty list.</summary>
    public static string List(IEnumerable<string> names)
    {
        var quoted = names.Select(n => $"`{n}`").ToList();
        return quoted.Count == 0 ? "none" : string.Join(", ", quoted);
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string Sentence(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Join("", items) : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    public static string Number(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A duration in its short form, as written by <c>fmt</c>: <c>24h</c>, <c>7d</c>.</summary>
    public static string Duration(Syntax.DurationSyntax duration) => duration.Amount + duration.Unit switch
    {
        Syntax.DurationUnit.Seconds => "s",
        Syntax.DurationUnit.Minutes => "m",
        Syntax.DurationUnit.Hours => "h",
        Syntax.DurationUnit.Days => "d",
        _ => "w",
    };
}
