using System.Text.RegularExpressions;
using TriggerFlow.Language.Diagnostics;

namespace TriggerFlow.Simulation.Tests.Scenarios;

/// <summary>The examples in docs/scenarios.md pass, and each TF08xx section of docs/diagnostics.md reports its code.</summary>
public sealed partial class ScenarioDocsTests
{
    public static TheoryData<int> GuideExamples() => new(Enumerable.Range(0, Blocks(Doc("scenarios.md")).Count));

    public static TheoryData<string> Codes() => new(Descriptors.All.Select(d => d.Code).Where(c => c.StartsWith("TF08", StringComparison.Ordinal)));

    [Fact]
    public void The_guide_has_examples()
    {
        Assert.True(Blocks(Doc("scenarios.md")).Count >= 4);
    }

    [Theory]
    [MemberData(nameof(GuideExamples))]
    public void Every_example_in_the_guide_passes(int index)
    {
        var result = RealRules.Run(Blocks(Doc("scenarios.md"))[index], $"docs/scenarios-example-{index + 1}.scenario");

        Assert.Empty(result.Diagnostics);
        Assert.All(result.Scenarios, s => Assert.True(s.Passed, Simulation.Scenarios.ScenarioReport.Text(s, colour: false)));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Each_scenario_code_has_an_example_that_reports_it(string code)
    {
        var section = Doc("diagnostics.md").Split($"## {code} — ")[1].Split("\n## ")[0];

        var example = Assert.Single(Blocks(section));
        var codes = RealRules.Run(example, "rules/example.scenario").Diagnostics.Select(d => d.Code).Distinct().ToList();

        Assert.Equal([code], codes.Where(c => c != Descriptors.ScenarioChecksNothing.Code || code == c));
    }

    private static string Doc(string name) =>
        File.ReadAllText(Path.Combine(RealRules.Root, "docs", name)).ReplaceLineEndings("\n");

    private static List<string> Blocks(string text) => Block().Matches(text).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"^```scenario\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Block();
}
