using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Tests.Parsing;

public sealed class RuleParserTests
{
    private const string OneLiner = "when browsed category without purchase within 24h and segment back-to-school, send email with 10% offer";

    [Fact]
    public void The_product_one_liner_parses_as_one_rule_named_after_the_file()
    {
        var result = RuleParser.Parse("rules/bts.trigger", OneLiner);

        Assert.Empty(result.Diagnostics);
        var rule = Assert.IsType<RuleSyntax>(Assert.Single(result.File.Declarations));
        Assert.True(rule.ImplicitName);
        Assert.Equal("bts", rule.Name.Value);
        var signal = Assert.IsType<EventSignal>(rule.Clause<WhenClause>()!.Signal);
        Assert.Equal("browsed category", signal.Event.Name.Text);
        var without = rule.Clause<WithoutClause>()!;
        Assert.Equal("purchase", without.Event.Name.Text);
        Assert.Equal(new DurationSyntax(24, DurationUnit.Hours, SourceSpan.None), without.Within);
        Assert.Equal(WindowAnchor.LatestSignal, without.Anchor);
        var audience = Assert.IsType<SegmentCondition>(rule.Clause<AudienceClause>()!.Condition);
        Assert.Equal("back-to-school", audience.Segment.Text);
        var send = rule.Clause<SendClause>()!;
        Assert.Equal("email", send.Channel.Text);
        var offer = Assert.Single(send.Parameters);
        Assert.True(offer.IsOffer);
        Assert.Equal(10m, Assert.IsType<PercentValue>(offer.Value).Value);
    }

    [Fact]
    public void A_where_filter_stops_before_the_audience()
    {
        var text = """
            rule "kids"
              when viewed product where category = "kids" and price > 10
              and segment parents and profile.country in ["US", "CA"]
              send push
            """;

        var result = RuleParser.Parse("k.trigger", text);

        Assert.Empty(result.Diagnostics);
        var rule = Assert.Single(result.File.Rules);
        var filter = Assert.IsType<AndCondition>(((EventSignal)rule.Clause<WhenClause>()!.Signal).Event.Where);
        Assert.IsType<ComparisonCondition>(filter.Right);
        var audience = Assert.IsType<AndCondition>(rule.Clause<AudienceClause>()!.Condition);
        Assert.IsType<SegmentCondition>(audience.Left);
        Assert.Equal(PropertyScope.Profile, Assert.IsType<InCondition>(audience.Right).Path.Scope);
    }

    [Fact]
    public void Spans_point_at_the_written_text()
    {
        var result = RuleParser.Parse("x.trigger", "rule \"x\"\n  when viewed product\n  send email\n");

        var rule = Assert.Single(result.File.Rules);
        var when = rule.Clause<WhenClause>()!;
        Assert.Equal(2, when.Span.Line);
        Assert.Equal(3, when.Span.Column);
        Assert.Equal("when viewed product".Length, when.Span.Length);
    }

    [Fact]
    public void Every_broken_clause_in_a_file_is_reported()
    {
        var text = """
            rule "many"
              when viewed product
              without purchase within 24
              sned email
              at most 1 per
            """;

        var result = RuleParser.Parse("m.trigger", text);

        Assert.Equal([3, 4, 5], result.Diagnostics.Select(d => d.Span.Line));
        Assert.Contains("did you mean `send`?", result.Diagnostics[1].Hint, StringComparison.Ordinal);
    }
}
