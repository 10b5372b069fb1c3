using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Workspace;
using static TriggerFlow.Language.Tests.Compilation.CompilerHarness;

namespace TriggerFlow.Language.Tests.Compilation;

public sealed class PlanVersionTests
{
    private const string Canonical = """
        rule "bts-browse"
          owner "back-to-school team"
          status test
          when browsed category where category in ["kids-clothing", "school-supplies"]
          without purchase within 24h
          and segment back-to-school and profile.country = "US"
          send email template "bts-browse" with 10% offer and tips = "checkout-online"
          at most 1 per 7d
          at most 3 per 90d
          control 10%
          variant "ten-off" 50% with 10% offer
          variant "fifteen-off" 50% with 15% offer
          goal purchase within 7d
        """;

    // The same rule: other file, other lines, comments, case, spacing, commas, units spelled
    // out, parameters and caps in another order, the audience regrouped.
    private const string Reformatted = """
        # A comment above the rule moves it down a few lines.

        # And another.
        RULE "bts-browse"   # trailing comment
            OWNER "back-to-school team", STATUS test
          WHEN browsed category WHERE category IN [ "kids-clothing" ,"school-supplies" ]
          without purchase within 24 hours
          and (segment back-to-school) and (profile.country = "US")
          send email template "bts-browse" with tips = "checkout-online" and 10% offer
          at most 3 per 90 days
          at most 1 per 1w
          control 10.0%
          variant "ten-off" 50% with 10% offer
          variant "fifteen-off" 50% with 15% offer
          goal purchase within 168h
        """;

    [Fact]
    public void Reformatting_a_rule_does_not_change_its_version()
    {
        var canonical = Rule(Canonical, "rules/bts-browse.trigger");
        var reformatted = Rule(Reformatted, "rules/elsewhere/bts.trigger");

        Assert.NotEqual(canonical.Source, reformatted.Source);
        Assert.Equal(canonical.Version, reformatted.Version);
        Assert.Equal(PlanJson.Serialize(canonical with { Source = reformatted.Source }), PlanJson.Serialize(reformatted));
    }

    [Theory]
    [InlineData("without purchase within 24h", "without purchase within 25h")]
    [InlineData("without purchase within 24h", "without purchase within 24h from first signal")]
    [InlineData("profile.country = \"US\"", "profile.country = \"us\"")]
    [InlineData("with 10% offer and", "with 12% offer and")]
    [InlineData("variant \"ten-off\" 50% with 10% offer\n  variant \"fifteen-off\" 50% with 15% offer", "variant \"fifteen-off\" 50% with 15% offer\n  variant \"ten-off\" 50% with 10% offer")]
    public void Changing_what_a_rule_does_changes_its_version(string from, string to)
    {
        Assert.Contains(from, Canonical, StringComparison.Ordinal);

        var before = Rule(Canonical);
        var after = Rule(Canonical.Replace(from, to, StringComparison.Ordinal));

        Assert.NotEqual(before.Version, after.Version);
    }

    [Fact]
    public void Versions_are_sixteen_lowercase_hex_digits()
    {
        var plans = Plans(new SourceFile("rules/bts-browse.trigger", Canonical));

        Assert.Matches("^[0-9a-f]{16}$", plans.Version);
        Assert.Matches("^[0-9a-f]{16}$", Assert.Single(plans.Rules).Version);
    }

    [Fact]
    public void The_same_rules_compile_to_byte_identical_json_in_any_file_order()
    {
        SourceFile[] files =
        [
            new("rules/b.trigger", Canonical),
            new("rules/a.trigger", "rule \"cart\"\n  when added to cart\n  without checkout within 1h\n  send email template \"cart-reminder\""),
        ];

        var forward = RuleCompiler.Compile(RuleSet.FromSources(CatalogFile, [.. SharedFiles, .. files]));
        var backward = RuleCompiler.Compile(RuleSet.FromSources(CatalogFile, [.. files.Reverse(), .. SharedFiles.Reverse()]));

        Assert.Equal(PlanJson.Serialize(forward.Plans!), PlanJson.Serialize(backward.Plans!));
        Assert.Equal(["bts-browse", "cart"], forward.Plans!.Rules.Select(r => r.Name));
    }

    [Fact]
    public void The_set_version_follows_its_rules_but_not_where_they_were_written()
    {
        var original = Plans(new SourceFile("rules/bts-browse.trigger", Canonical));
        var moved = Plans(new SourceFile("rules/other.trigger", Reformatted));
        var changed = Plans(new SourceFile("rules/bts-browse.trigger", Canonical.Replace("24h", "48h", StringComparison.Ordinal)));

        Assert.Equal(original.Version, moved.Version);
        Assert.NotEqual(original.Version, changed.Version);
    }
}
