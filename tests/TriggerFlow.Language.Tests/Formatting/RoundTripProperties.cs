using FsCheck;
using FsCheck.Fluent;
using TriggerFlow.Language.Formatting;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;
using TriggerFlow.Testing;

namespace TriggerFlow.Language.Tests.Formatting;

/// <summary>A generated tree; shown as its canonical text when a property fails.</summary>
public sealed record GeneratedFile(TriggerFile File)
{
    public override string ToString() => RuleFormatter.Format(File);
}

/// <summary>The canonical text of a generated tree, made untidy; shown as the untidy text when a property fails.</summary>
public sealed record MessyFile(string Canonical, string Text, IReadOnlyList<PlacedComment> Comments)
{
    public override string ToString() => Text;
}

public static class FormattingArbitraries
{
    public static Arbitrary<GeneratedFile> GeneratedFiles() => SyntaxGenerators.File.Select(f => new GeneratedFile(f)).ToArbitrary();

    public static Arbitrary<MessyFile> MessyFiles() =>
        (from file in SyntaxGenerators.File
         from seed in Gen.Choose(0, int.MaxValue)
         let canonical = RuleFormatter.Format(file)
         let messy = MessyText.From(canonical, seed)
         select new MessyFile(canonical, messy.Text, messy.Comments)).ToArbitrary();
}

public sealed class RoundTripProperties
{
    private const int Cases = 500;

    [Fact]
    public void Printing_a_tree_and_parsing_it_gives_back_the_same_tree() =>
        Prop.ForAll(FormattingArbitraries.GeneratedFiles(), PrintsAndParsesBack).Check(PropertyRuns.Config(seed: 20260702, cases: Cases));

    [Fact]
    public void Formatting_untidy_text_gives_the_canonical_text_with_every_comment_in_its_place() =>
        Prop.ForAll(FormattingArbitraries.MessyFiles(), FormatsToCanonical).Check(PropertyRuns.Config(seed: 20260703, cases: Cases));

    private static void PrintsAndParsesBack(GeneratedFile generated)
    {
        var printed = RuleFormatter.Format(generated.File);

        var reparsed = RuleParser.Parse(generated.File.Path, printed);

        Assert.Empty(reparsed.Diagnostics);
        Assert.True(generated.File == reparsed.File, "the printed text parses to a different tree");
    }

    private static void FormatsToCanonical(MessyFile messy)
    {
        Assert.True(RuleFormatter.TryFormat("messy.trigger", messy.Text, out var formatted, out var diagnostics), string.Join("\n", diagnostics));

        Assert.Equal(messy.Canonical.TrimEnd('\n'), WithoutComments(formatted, messy.Comments).TrimEnd('\n'));
        Assert.Equal(formatted, FormatAgain(formatted));
        var lines = formatted.Split('\n');
        foreach (var comment in messy.Comments)
        {
            AssertPlaced(lines, comment, messy.Comments);
        }
    }

    private static string FormatAgain(string formatted) =>
        RuleFormatter.TryFormat("messy.trigger", formatted, out var again, out _) ? again : "(the formatted text does not parse)";

    private static string WithoutComments(string formatted, IReadOnlyList<PlacedComment> comments) =>
        string.Join('\n', formatted.Split('\n').Where(l => !IsComment(l)).Select(l => Code(l, comments)));

    private static void AssertPlaced(string[] lines, PlacedComment comment, IReadOnlyList<PlacedComment> comments)
    {
        switch (comment.Position)
        {
            case CommentPosition.Above:
                var at = Array.FindIndex(lines, l => l.Trim() == "# " + comment.Text);
                var next = lines.Skip(at + 1).First(l => !IsComment(l));
                Assert.True(at >= 0 && Same(Code(next, comments), comment.Code), $"`{comment.Text}` is not above `{comment.Code}`");
                break;
            case CommentPosition.After:
                Assert.Contains(lines, l => l.EndsWith("  # " + comment.Text, StringComparison.Ordinal) && Same(Code(l, comments), comment.Code));
                break;
            default:
                var end = Array.FindIndex(lines, l => l == "# " + comment.Text);
                Assert.True(end >= 0 && lines.Skip(end).All(l => l.Length == 0 || IsComment(l)), $"`{comment.Text}` is not at the end");
                break;
        }
    }

    private static bool IsComment(string line) => line.TrimStart().StartsWith('#');

    /// <summary>The line without the trailing comment the messy text gave it.</summary>
    private static string Code(string line, IReadOnlyList<PlacedComment> comments) =>
        comments.Where(c => line.EndsWith("  # " + c.Text, StringComparison.Ordinal)).Select(c => line[..^(c.Text.Length + 4)]).FirstOrDefault() ?? line;

    private static bool Same(string printed, string canonical) => printed.Trim().TrimEnd(',') == canonical;
}
