using System.Text.RegularExpressions;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Formatting;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;
using TriggerFlow.Language.Tests.Support;

namespace TriggerFlow.Language.Tests.Corpus;

/// <summary>
/// Every example a marketer can copy is a complete file that checks clean against the real
/// <c>rules/</c>: each <c>```trigger</c> block of docs/language.md, each file of docs/examples/,
/// and the product's one-line example. A block whose first line is a comment naming a file,
/// <c># rules/segments.trigger</c>, is written as that file (replacing it); any other block is
/// written as a new file of its own.
/// </summary>
public sealed partial class DocumentationExamplesTests
{
    private const string OneLiner = "when browsed category without purchase within 24h and segment back-to-school, send email with 10% offer";

    private static string Guide => File.ReadAllText(Path.Combine(Repository.Root, "docs", "language.md"));

    public static TheoryData<int> GuideExamples() => new(Enumerable.Range(0, Blocks("trigger").Count));

    public static TheoryData<int> GuideErrorExamples() => new(Enumerable.Range(0, Blocks("trigger-invalid").Count));

    public static TheoryData<string> ExampleFiles() => new(
        Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs", "examples"), "*.trigger")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal));

    [Fact]
    public void The_guide_has_examples_of_every_kind()
    {
        Assert.True(Blocks("trigger").Count >= 20, $"only {Blocks("trigger").Count} complete examples");
        Assert.NotEmpty(Blocks("trigger-invalid"));
    }

    [Theory]
    [MemberData(nameof(GuideExamples))]
    public void Every_example_in_the_guide_checks_clean(int index)
    {
        var (line, text) = Blocks("trigger")[index];

        var diagnostics = RulesFolder.CheckWith(FileNameFor(text, $"guide-example-{index + 1}.trigger"), text);

        Assert.True(diagnostics.Count == 0, $"docs/language.md, the example at line {line}:{Environment.NewLine}{RulesFolder.Show(diagnostics)}");
    }

    [Theory]
    [MemberData(nameof(GuideErrorExamples))]
    public void Every_broken_example_in_the_guide_reports_an_error(int index)
    {
        var (line, text) = Blocks("trigger-invalid")[index];

        var diagnostics = RulesFolder.CheckWith(FileNameFor(text, $"guide-broken-{index + 1}.trigger"), text);

        Assert.True(diagnostics.Any(d => d.IsError), $"docs/language.md, the broken example at line {line} reports no error");
    }

    [Theory]
    [MemberData(nameof(GuideErrorExamples))]
    public void The_guide_shows_what_check_prints_for_each_broken_example(int index)
    {
        var fences = Fences();
        var broken = fences.Where(f => f.Language == "trigger-invalid").ElementAt(index);
        var output = fences.SkipWhile(f => f != broken).Skip(1).FirstOrDefault(f => f.Language == "text");
        Assert.True(output is not null, $"docs/language.md: no ```text block shows the output for the broken example at line {broken.Line}");
        var path = "rules/" + FileNameFor(broken.Text, $"guide-broken-{index + 1}.trigger");
        var written = Path.GetFileName(path);

        var diagnostics = RulesFolder.CheckWith(written, broken.Text)
            .Where(d => d.Path.EndsWith("/" + written, StringComparison.Ordinal))
            .Select(d => d with { Path = path });
        var printed = DiagnosticRenderer.Text(diagnostics, p => p == path ? broken.Text : null, colour: false);

        Assert.Equal(printed, output.Text);
    }

    [Fact]
    public void The_guide_s_catalog_example_loads_without_errors()
    {
        var (line, yaml) = Assert.Single(Blocks("yaml"));

        var result = CatalogLoader.Load("rules/catalog.yaml", yaml);

        Assert.True(result.Diagnostics.Count == 0, $"docs/language.md, the catalog at line {line}:{Environment.NewLine}{RulesFolder.Show(result.Diagnostics)}");
        Assert.Equal("added to cart", result.Catalog.FindEvent("com.shop.cart.item-added")?.Name);
        Assert.Equal("product", result.Catalog.Events["added to cart"].FindProperty("product_id"));
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Every_example_file_checks_clean(string file)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "examples", file));

        var diagnostics = RulesFolder.CheckWith(file, text);

        Assert.True(diagnostics.Count == 0, RulesFolder.Show(diagnostics));
    }

    [Fact]
    public void The_product_one_liner_is_the_whole_example_file()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "examples", "back-to-school-browse.trigger"));

        Assert.Equal(OneLiner, text.TrimEnd('\n'));
    }

    [Fact]
    public void The_product_one_liner_checks_clean_as_written()
    {
        var diagnostics = RulesFolder.CheckWith("back-to-school-browse.trigger", OneLiner);

        Assert.True(diagnostics.Count == 0, RulesFolder.Show(diagnostics));
        var rule = Assert.Single(RuleParser.Parse("back-to-school-browse.trigger", OneLiner).File.Rules);
        Assert.True(rule.ImplicitName);
        Assert.Equal("back-to-school-browse", rule.Name.Value);
        Assert.Null(rule.Clause<SendClause>()!.Template);
    }

    [Fact]
    public void The_guide_shows_what_fmt_makes_of_the_one_liner()
    {
        Assert.True(RuleFormatter.TryFormat("back-to-school-browse.trigger", OneLiner, out var formatted, out var diagnostics), RulesFolder.Show(diagnostics));

        var shown = Blocks("trigger")
            .Select(b => b.Text)
            .Where(t => FileNameFor(t, "") == "back-to-school-browse.trigger")
            .Select(t => t[(t.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        Assert.Contains(formatted, shown);
    }

    [Fact]
    public void The_one_liner_is_not_in_the_corpus()
    {
        Assert.DoesNotContain(RulesFolder.RuleFiles(), f => RuleParser.Parse(f, RuleCorpusTests.ReadRuleFile(f)).File.Rules.Any(r => r.ImplicitName));
    }

    [Theory]
    [InlineData("segments.trigger")]
    [InlineData("governance.trigger")]
    [InlineData("bts-browse.trigger")]
    public void The_guide_shows_the_real_file(string file)
    {
        var shown = Blocks("trigger")
            .Select(b => b.Text)
            .Where(t => FileNameFor(t, "") == file)
            .Select(t => t[(t.IndexOf('\n', StringComparison.Ordinal) + 1)..]);

        Assert.Contains(File.ReadAllText(Path.Combine(RulesFolder.Path, file)).ReplaceLineEndings("\n"), shown);
    }

    /// <summary>The fenced blocks of docs/language.md tagged <paramref name="language"/>, with the line each starts on.</summary>
    private static List<(int Line, string Text)> Blocks(string language) =>
        Fences().Where(f => f.Language == language).Select(f => (f.Line, f.Text)).ToList();

    /// <summary>Every fenced block of docs/language.md, in order.</summary>
    private static List<FencedBlock> Fences()
    {
        var guide = Guide.ReplaceLineEndings("\n");
        return Fence().Matches(guide)
            .Select(m => new FencedBlock(m.Groups["lang"].Value, guide[..m.Index].Count(c => c == '\n') + 2, m.Groups["body"].Value))
            .ToList();
    }

    private static string FileNameFor(string text, string fallback)
    {
        var match = FileHeader().Match(text);
        return match.Success ? match.Groups[1].Value : fallback;
    }

    [GeneratedRegex(@"^```(?<lang>[a-z-]+)\n(?<body>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"\A# rules/([a-z0-9-]+\.trigger)\n")]
    private static partial Regex FileHeader();

    private sealed record FencedBlock(string Language, int Line, string Text);
}
