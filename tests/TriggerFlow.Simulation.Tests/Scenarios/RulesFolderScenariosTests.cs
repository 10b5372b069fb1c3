using TriggerFlow.Engine.Tests.Support;
using TriggerFlow.Language.Scenarios;
using TriggerFlow.Simulation.Scenarios;

namespace TriggerFlow.Simulation.Tests.Scenarios;

/// <summary>The scenarios in <c>rules/</c> all pass, and every rule has scenarios for its main path, its cancel path and its caps.</summary>
public sealed class RulesFolderScenariosTests
{
    public static TheoryData<string> Files() => new(ScenarioFiles());

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_scenario_in_rules_passes(string file)
    {
        var result = RealRules.Run(File.ReadAllText(Path.Combine(RealRules.Root, file)), file);

        Assert.Empty(result.Diagnostics);
        var failed = result.Scenarios.Where(s => !s.Passed).Select(s => ScenarioReport.Text(s, colour: false)).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    [Fact]
    public void Every_rule_is_expected_to_send_to_be_cancelled_or_excluded_and_to_be_capped()
    {
        var expectations = ScenarioFiles()
            .SelectMany(f => ScenarioParser.Parse(f, File.ReadAllText(Path.Combine(RealRules.Root, f))).File.Scenarios)
            .SelectMany(s => s.Steps.OfType<Expectation>())
            .ToList();
        var missing = new List<string>();
        foreach (var rule in RealRules.Plans.Rules.Where(r => r.Status != Language.Syntax.RuleStatusKind.Paused).Select(r => r.Name))
        {
            Require(missing, rule, "a send", expectations.OfType<ExpectSend>().Any(e => e.Rule.Text == rule));
            Require(missing, rule, "a cancel or exclusion", expectations.Any(e => e is ExpectWindow w && w.Rule.Text == rule
                || e is ExpectSuppressed { Cause: SuppressionCause.Audience or SuppressionCause.Tenure or SuppressionCause.ActivePeriod } s && s.Rule.Text == rule)
                || ExcludedByFilter(rule));
            Require(missing, rule, "a cap", expectations.OfType<ExpectSuppressed>().Any(e => e.Rule.Text == rule && e.Cause is SuppressionCause.Cap or SuppressionCause.ChannelCap));
        }

        Assert.True(missing.Count == 0, "no scenario expects " + string.Join("; ", missing));
    }

    private static List<string> ScenarioFiles() =>
        Directory.EnumerateFiles(Rules.RulesFolder, "*" + ScenarioParser.Extension, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RealRules.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Rules whose exclusion is their signal's filter (a short delay, no hotel, another brand): no
    /// window opens, so their scenarios say <c>expect nothing</c>.
    /// </summary>
    private static bool ExcludedByFilter(string rule) => rule is "flight-delayed" or "flight-landed" or "resupply-toothpaste";

    private static void Require(List<string> missing, string rule, string what, bool present)
    {
        if (!present)
        {
            missing.Add($"{what} of {rule}");
        }
    }
}
