using static TriggerFlow.Language.Tests.Checking.CheckAssert;

namespace TriggerFlow.Language.Tests.Checking;

public sealed class RuleShapeTests
{
    [Theory]
    [InlineData("  owner \"a\"\n  owner \"b\"\n", "owner", 5)]
    [InlineData("  status draft\n  status test\n", "status", 6)]
    [InlineData("  priority 1\n  priority 2\n", "priority", 8)]
    [InlineData("  active from 2026-01-01\n  active until 2026-02-01\n", "active", 6)]
    [InlineData("  when added to cart\n  when viewed product\n", "when", 4)]
    [InlineData("  wait 1h\n  wait 2h\n", "wait", 4)]
    [InlineData("  within 90d of first purchase\n  within 30d of first purchase\n", "within … of first", 6)]
    [InlineData("  and segment parents\n  wait 1h\n  and segment app-users\n", "and", 3)]
    [InlineData("  quiet hours hold\n  quiet hours drop\n", "quiet hours", 5)]
    [InlineData("  control 10%\n  control 5%\n", "control", 7)]
    [InlineData("  goal purchase within 7d\n  goal checkout within 7d\n", "goal", 4)]
    [InlineData("  minimum sample 100\n  minimum sample 200\n", "minimum sample", 7)]
    public void Clauses_that_may_appear_once_are_reported_at_the_second(string clauses, string name, int keywordLength)
    {
        var d = Single(Rule(clauses), "TF0010");

        Assert.Equal($"`{name}` is given twice in rule `r`", d.Message);
        Assert.Equal(keywordLength, d.Span.Length);
        Assert.Equal(3, d.Span.Column);
        Assert.Contains($"first given on line {d.Span.Line - (name == "and" ? 2 : 1)}", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_without_when_is_reported_at_its_name()
    {
        var d = Single("rule \"r\"\n  send email template \"cart-reminder\"\n", "TF0011");

        Assert.Equal(("rule `r` has no `when` clause, so nothing starts it", 1, 6, 3), (d.Message, d.Span.Line, d.Span.Column, d.Span.Length));
    }

    [Fact]
    public void A_rule_without_send_is_reported()
    {
        var d = Single("rule \"r\"\n  when added to cart\n", "TF0012");

        Assert.Equal("rule `r` sends nothing", d.Message);
    }

    [Fact]
    public void A_rule_whose_clause_did_not_parse_is_not_also_missing_it()
    {
        var diagnostics = RulesFolder.CheckFile("rule \"r\"\n  when added to cart\n  without checkout within 1h\n  sned email template \"cart-reminder\"\n");

        Assert.Equal(["TF0001"], diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Two_sends_on_one_channel_point_at_the_second()
    {
        var d = Single(Rule("  send email template \"cart-reminder\"\n  send email template \"related-products\"\n"), "TF0013");

        Assert.Equal(("rule `r` already sends by `email` on line 3", 4, 8), (d.Message, d.Span.Line, d.Span.Column));
    }

    [Fact]
    public void An_unknown_status_suggests_the_closest()
    {
        var d = Single(Rule("  status alwayson\n"), "TF0105");

        Assert.Equal("unknown status `alwayson`", d.Message);
        Assert.Equal("did you mean `always-on`? statuses are `draft`, `test`, `always-on`, `paused`", d.Hint);
    }

    [Fact]
    public void A_rule_name_must_be_an_id()
    {
        var d = Single("rule \"Cart Reminder\"\n  when added to cart\n  send email template \"cart-reminder\"\n", "TF0014");

        Assert.Equal("the rule name `Cart Reminder` cannot be used as a rule's id", d.Message);
        Assert.Equal("use lower-case letters, digits and `-`, such as `cart-reminder`", d.Hint);
    }

    [Fact]
    public void A_one_line_rule_takes_its_id_from_the_file_name()
    {
        var diagnostics = RulesFolder.CheckFile("when added to cart, send email template \"cart-reminder\"", "rules/Cart Reminder.trigger");

        var d = Assert.Single(diagnostics);
        Assert.Equal("TF0014", d.Code);
        Assert.Equal((1, 1, 4), (d.Span.Line, d.Span.Column, d.Span.Length));
        Assert.Equal("rename the file to `cart-reminder.trigger`, or start it with `rule \"cart-reminder\"`", d.Hint);
    }
}
