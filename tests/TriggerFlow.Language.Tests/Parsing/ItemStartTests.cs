using Sprache;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;
using TriggerFlow.Language.Tests.Corpus;

namespace TriggerFlow.Language.Tests.Parsing;

/// <summary>
/// The parser reports a line whose first word starts no clause or declaration without trying the
/// grammar (<see cref="Lexical.StartsWithClauseStarter"/>). That is only right while every item of
/// the grammar begins with one of <see cref="Lexical.ClauseStarters"/>; these tests hold it so.
/// </summary>
public sealed class ItemStartTests
{
    private static readonly Parser<object>[] Items =
    [
        Grammar.RuleHeader.Select(v => (object)v),
        Grammar.Segment.Select(v => (object)v),
        Grammar.ChannelCaps.Select(v => (object)v),
        Grammar.DefaultQuietHours.Select(v => (object)v),
        Grammar.RuleClause.Select(v => (object)v),
    ];

    public static TheoryData<string> NotStarters() =>
    [
        "sned", "wen", "ownerr", "prıority", "at-most", "atmost", "sendemail", "\"send\"", "10%", "24h", "-", "=",
        "segments", "rules", "channels", "quiet-hours", "minimum_sample", "whenx", "é", "Ｓend", "withinwithin",
    ];

    public static TheoryData<string> Starters() => [.. Lexical.ClauseStarters.Words, "SEND", "When", "Quiet", "AT"];

    [Theory]
    [MemberData(nameof(NotStarters))]
    public void No_item_of_the_grammar_reads_past_a_word_that_is_not_a_starter(string word)
    {
        var input = new SourceInput($"{word} email template \"x\" with 10% offer\n");

        Assert.False(Lexical.StartsWithClauseStarter(input));
        Assert.All(Items, item => Assert.Equal(0, item(input) is { WasSuccessful: false } failure ? failure.Remainder.Position : -1));
    }

    [Theory]
    [MemberData(nameof(Starters))]
    public void Every_starter_is_recognised_whatever_its_case(string word)
    {
        Assert.True(Lexical.StartsWithClauseStarter(new SourceInput("  " + word + " x")));
    }

    [Fact]
    public void Every_clause_and_declaration_in_the_corpus_begins_with_a_starter()
    {
        foreach (var file in RulesFolder.RuleFiles())
        {
            var text = RuleCorpusTests.ReadRuleFile(file);
            var parsed = RuleParser.Parse(file, text).File;
            var items = parsed.Declarations.Where(d => d is not RuleSyntax { ImplicitName: true }).Select(d => d.Span)
                .Concat(parsed.Rules.SelectMany(r => r.Clauses).Select(c => c.Span));
            Assert.All(items, span => Assert.True(Lexical.StartsWithClauseStarter(new SourceInput(text[span.Start..])), $"{file}:{span.Line}"));
        }
    }

    [Fact]
    public void A_misspelt_first_word_is_reported_as_the_grammar_reports_it()
    {
        var result = RuleParser.Parse("rules/x.trigger", "rule \"x\"\n  wen viewed product\n  sned email\n");

        Assert.Equal(
            ["rules/x.trigger:2:3: error TF0001: `wen` does not start a clause", "rules/x.trigger:3:3: error TF0001: `sned` does not start a clause"],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(["did you mean `when`?", "did you mean `send`?"], result.Diagnostics.Select(d => d.Hint));
    }
}
