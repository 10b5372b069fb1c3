namespace TriggerFlow.Language.Syntax;

/// <summary>
/// What a rule means when a clause is left out. The compiler fills these in and the formatter
/// prints them, so the one-line form and its canonical long form always mean the same rule:
/// change a default here and both follow.
/// </summary>
public static class RuleDefaults
{
    /// <summary>The owner of a rule without <c>owner</c>: <c>"unassigned"</c>.</summary>
    public const string Owner = "unassigned";

    /// <summary>The status of a rule without <c>status</c>: <c>draft</c>, so nothing new sends by accident.</summary>
    public const RuleStatusKind Status = RuleStatusKind.Draft;

    /// <summary>The priority of a rule without <c>priority</c>: 50, the middle of the usual 0–100 range.</summary>
    public const int Priority = 50;

    /// <summary>What quiet hours do to a message when the rule does not say: <c>hold</c> it until they end.</summary>
    public const QuietHoursPolicy QuietHours = QuietHoursPolicy.Hold;

    /// <summary>Where an absence window starts when <c>from … signal</c> is left out: the latest signal.</summary>
    public const WindowAnchor Anchor = WindowAnchor.LatestSignal;

    /// <summary>The status words as written in rules, for every status.</summary>
    public static IReadOnlyDictionary<string, RuleStatusKind> StatusWords { get; } = new Dictionary<string, RuleStatusKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["draft"] = RuleStatusKind.Draft,
        ["test"] = RuleStatusKind.Test,
        ["always-on"] = RuleStatusKind.AlwaysOn,
        ["paused"] = RuleStatusKind.Paused,
    };

    /// <summary>The template a send uses without <c>template</c>: the one named after the rule.</summary>
    public static string Template(string ruleName) => ruleName;
}
