using TriggerFlow.Language.Compilation;
using static TriggerFlow.Language.Tests.Compilation.CompilerHarness;

namespace TriggerFlow.Language.Tests.Compilation;

/// <summary>Compiled audiences run through RulesEngine give the answers the language promises.</summary>
public sealed class AudienceWorkflowTests
{
    [Theory]
    [InlineData("segment parents", """{"has_children": true}""", true)]
    [InlineData("segment parents", """{"has_children": false}""", false)]
    [InlineData("segment parents", """{}""", false)]
    [InlineData("segment back-to-school", """{"has_children": true, "last_school_purchase": "2025-09-01"}""", true)]
    [InlineData("segment back-to-school", """{"has_children": true, "last_school_purchase": "2025-08-01"}""", true)]
    [InlineData("segment back-to-school", """{"has_children": true, "last_school_purchase": "2025-07-31"}""", false)]
    [InlineData("segment back-to-school", """{"has_children": true}""", false)]
    [InlineData("segment high-value", """{"lifetime_value": 600}""", true)]
    [InlineData("segment high-value", """{"lifetime_value": 100, "loyalty_tier": "gold"}""", true)]
    [InlineData("segment high-value", """{"lifetime_value": 100, "loyalty_tier": "bronze"}""", false)]
    [InlineData("segment high-value", """{}""", false)]
    [InlineData("not segment app-users", """{"app_installed": false}""", true)]
    [InlineData("not segment app-users", """{}""", true)]
    [InlineData("not segment app-users", """{"app_installed": true}""", false)]
    [InlineData("profile.country = \"US\" or profile.country = \"CA\" and profile.app_installed = true", """{"country": "US"}""", true)]
    [InlineData("profile.country = \"US\" or profile.country = \"CA\" and profile.app_installed = true", """{"country": "CA"}""", false)]
    [InlineData("(profile.country = \"US\" or profile.country = \"CA\") and profile.app_installed = true", """{"country": "CA", "app_installed": true}""", true)]
    [InlineData("profile.country in [\"US\", \"CA\"]", """{"country": "CA"}""", true)]
    [InlineData("profile.country in [\"US\", \"CA\"]", """{"country": "FR"}""", false)]
    [InlineData("profile.country in [\"US\", \"CA\"]", """{}""", false)]
    [InlineData("profile.country not in [\"US\", \"CA\"]", """{"country": "FR"}""", true)]
    [InlineData("profile.country not in [\"US\", \"CA\"]", """{"country": "US"}""", false)]
    [InlineData("profile.country not in [\"US\", \"CA\"]", """{}""", false)]
    [InlineData("profile.country is set", """{"country": "FR"}""", true)]
    [InlineData("profile.country is set", """{"country": null}""", false)]
    [InlineData("profile.country is not set", """{}""", true)]
    [InlineData("profile.country is not set", """{"country": "FR"}""", false)]
    [InlineData("profile.preferred_channel != \"sms\"", """{"preferred_channel": "email"}""", true)]
    [InlineData("profile.preferred_channel != \"sms\"", """{"preferred_channel": "sms"}""", false)]
    [InlineData("profile.preferred_channel != \"sms\"", """{}""", false)]
    [InlineData("profile.interests contains \"running\"", """{"interests": ["yoga", "running"]}""", true)]
    [InlineData("profile.interests contains \"running\"", """{"interests": ["yoga"]}""", false)]
    [InlineData("profile.interests contains \"running\"", """{}""", false)]
    [InlineData("profile.lifetime_value < 100.5 and profile.lines != 2", """{"lifetime_value": 100.25, "lines": 3}""", true)]
    [InlineData("profile.lifetime_value < 100.5 and profile.lines != 2", """{"lifetime_value": 100.5, "lines": 3}""", false)]
    [InlineData("profile.lifetime_value < 100.5 and profile.lines != 2", """{"lifetime_value": 10, "lines": 2}""", false)]
    [InlineData("profile.lines <= 2 and profile.lines > 0", """{"lines": 2}""", true)]
    [InlineData("profile.lines <= 2 and profile.lines > 0", """{"lines": 0}""", false)]
    [InlineData("profile.lifetime_value >= 500", """{"lifetime_value": "lots"}""", false)]
    [InlineData("profile.first_purchase_at >= 2026-01-01", """{"first_purchase_at": "2026-01-01T10:00:00Z"}""", true)]
    [InlineData("profile.first_purchase_at >= 2026-01-01", """{"first_purchase_at": "2025-12-31T23:00:00Z"}""", false)]
    [InlineData("profile.last_school_purchase = 2025-08-01", """{"last_school_purchase": "2025-08-01T15:30:00Z"}""", true)]
    [InlineData("profile.has_children != true", """{"has_children": false}""", true)]
    public async Task A_compiled_audience_matches_exactly_the_profiles_it_describes(string audience, string profile, bool expected)
    {
        var plan = Audience(audience);

        Assert.Equal(expected, await EvaluateAsync(plan, profile));
    }

    [Theory]
    [InlineData("event.price > 50", """{"price": 79.99}""", true)]
    [InlineData("event.price > 50", """{"price": 50}""", false)]
    [InlineData("event.price > 50", """{}""", false)]
    [InlineData("event.category = \"kids\" and segment parents", """{"category": "kids"}""", true)]
    [InlineData("event.category = \"kids\" and segment parents", """{"category": "adults"}""", false)]
    public async Task An_audience_reads_the_signals_properties_through_event(string audience, string signal, bool expected)
    {
        var plan = Audience(audience);

        Assert.Equal(expected, await EvaluateAsync(plan, """{"has_children": true}""", signal));
    }

    [Fact]
    public async Task Profiles_given_as_clr_values_are_read_like_json_ones()
    {
        var plan = Audience("segment back-to-school and profile.lines >= 2 and profile.interests contains \"school\"");
        var profile = new Dictionary<string, object?>
        {
            ["has_children"] = true,
            ["last_school_purchase"] = new DateOnly(2025, 8, 15),
            ["lines"] = 2,
            ["interests"] = new[] { "school" },
        };

        Assert.True(await new AudienceEvaluator([plan]).EvaluateAsync(plan.Name, profile, new Dictionary<string, object?>()));
    }

    [Fact]
    public void The_workflow_is_one_lambda_rule_named_audience_over_hoisted_literals()
    {
        var plan = Audience("segment high-value and profile.country = \"US\"");

        var workflow = RulesEngineEmitter.ToWorkflow(plan.Audience!.Workflow);

        Assert.Equal("audience-test", workflow.WorkflowName);
        var rule = Assert.Single(workflow.Rules);
        Assert.Equal("audience", rule.RuleName);
        Assert.Equal(RulesEngine.Models.RuleExpressionType.LambdaExpression, rule.RuleExpressionType);
        Assert.Equal(
            "(((profile.lifetime_value != null && profile.lifetime_value >= lit.l0) || (profile.loyalty_tier != null && (profile.loyalty_tier == lit.l1 || profile.loyalty_tier == lit.l2))) && (profile.country != null && profile.country == lit.l3))",
            rule.Expression);
        Assert.Equal(
            [new NumberLiteral(500), new StringLiteral("gold"), new StringLiteral("platinum"), new StringLiteral("US")],
            plan.Audience.Workflow.Literals);
    }

    [Fact]
    public async Task A_rule_without_an_audience_is_for_everyone()
    {
        var plan = Rule("rule \"everyone\"\n  when viewed product\n  send push template \"related-products\"");

        Assert.Null(plan.Audience);
        Assert.True(await EvaluateAsync(plan, "{}"));
    }
}
