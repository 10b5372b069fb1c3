using System.Text.RegularExpressions;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Tests.Checking;
using TriggerFlow.Language.Tests.Support;

namespace TriggerFlow.Language.Tests.Diagnostics;

/// <summary>docs/diagnostics.md explains every code, and its examples fail the way it says.</summary>
public sealed partial class DiagnosticsDocTests
{
    /// <summary>Codes that no rule file can show: an unreadable file, an over-large one, a broken catalog. Their sections use prose.</summary>
    private static readonly string[] ProseOnly = ["TF0005", "TF0008", "TF0700"];

    /// <summary>Codes whose example cannot avoid a second one: every catalog channel is already capped in governance.trigger.</summary>
    private static readonly Dictionary<string, string[]> AlsoReported = new() { ["TF0601"] = ["TF0503"] };

    public static TheoryData<string> Codes() => [.. Descriptors.All.Select(d => d.Code)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_a_section_headed_with_its_title(string code)
    {
        var descriptor = Descriptors.All.Single(d => d.Code == code);

        Assert.Contains(code, Sections().Keys);
        Assert.Contains($"## {code} — {descriptor.Title}\n", Doc(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Each_example_reports_its_sections_code(string code)
    {
        var examples = Examples(Sections()[code]);

        // Scenario codes have `scenario` examples, which the engine tests run (Scenarios/ScenarioDocsTests).
        if (ProseOnly.Contains(code) || code.StartsWith("TF08", StringComparison.Ordinal))
        {
            Assert.Empty(examples);
            return;
        }

        var example = Assert.Single(examples);
        var codes = RulesFolder.CheckFile(example).Select(d => d.Code).Distinct().ToList();
        Assert.Contains(code, codes);
        Assert.Empty(codes.Except([code, .. AlsoReported.GetValueOrDefault(code, [])]));
    }

    private static string Doc() => File.ReadAllText(Path.Combine(Repository.Root, "docs", "diagnostics.md")).ReplaceLineEndings("\n");

    private static Dictionary<string, string> Sections() =>
        Heading().Split(Doc()).Skip(1).Chunk(2).ToDictionary(pair => pair[0], pair => pair[1]);

    private static List<string> Examples(string section) => TriggerBlock().Matches(section).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"^## (TF\d{4}) — .*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^```trigger\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex TriggerBlock();
}
