using System.Text.Json;
using System.Text.Json.Nodes;
using RulesEngine.Models;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Workspace;
using static TriggerFlow.Language.Tests.Compilation.CompilerHarness;

namespace TriggerFlow.Language.Tests.Compilation;

public sealed class PlanJsonTests
{
    private const string Rich = """
        rule "rich"
          owner "lifecycle team"
          status always-on
          priority 70
          active from 2026-07-01 until 2026-09-30
          when viewed product of "sneakers" where price >= 10.5 and category in ["shoes", "sport"]
          then added to cart within 1h
          without checkout within 2h from first signal
          within 90d of first purchase
          wait 30m
          and segment back-to-school and profile.country is set and not profile.interests contains "golf"
          send email template "cart-reminder" with 15% offer
          at most 1 per product
          at most 2 per 7d
          quiet hours 22:00 to 07:00 drop
          goal checkout where total > 20 within 7d
          minimum sample 500
        """;

    [Fact]
    public void A_plan_set_survives_a_round_trip_byte_for_byte()
    {
        var plans = Plans(new SourceFile("rules/rich.trigger", Rich));
        var json = PlanJson.Serialize(plans);

        Assert.True(PlanJson.TryDeserialize(json, out var read, out var error), error);
        Assert.Equal(json, PlanJson.Serialize(read));
        Assert.Equal(plans.Rules[0].Audience!.Condition.GetType(), read.Rules[0].Audience!.Condition.GetType());
        Assert.Equal(plans.Rules[0].Signal.Event.Name, read.Rules[0].Signal.Event.Name);
    }

    [Fact]
    public void Plan_json_is_camel_case_with_kebab_case_enums_and_typed_values()
    {
        var rule = JsonNode.Parse(PlanJson.Serialize(Rule(Rich)))!;

        Assert.Equal(1, (int)rule["schemaVersion"]!);
        Assert.Equal("always-on", (string)rule["status"]!);
        Assert.Equal("2026-09-30", (string)rule["activeUntil"]!);
        Assert.Equal(7_200, (long)rule["absences"]![0]!["withinSeconds"]!);
        Assert.Equal("first-signal", (string)rule["absences"]![0]!["anchor"]!);
        Assert.Equal("""{"type":"percent","value":15}""", rule["actions"]![0]!["parameters"]![0]!["value"]!.ToJsonString());
        Assert.Equal("22:00:00", (string)rule["quietHours"]!["hours"]!["start"]!);
        var of = rule["signal"]!["event"]!["filter"]!["operands"]![0]!;
        Assert.Equal(
            """{"kind":"compare","property":{"scope":"event","name":"product","type":"string"},"operator":"equal","value":{"type":"string","value":"sneakers"}}""",
            of.ToJsonString());
        Assert.True(rule.AsObject().ContainsKey("controlPercent"));
        Assert.Null(rule["controlPercent"]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"schemaVersion": 2, "version": "0", "rules": [], "governance": {"channelCaps": []}}""")]
    [InlineData("""{"schemaVersion": 1, "version": "0", "rules": [{"kind": "nonsense"}], "governance": {"channelCaps": [], "defaultQuietHours": null}}""")]
    [InlineData("""{"schemaVersion": 1, "version": "0", "rules": [], "governance": {"channelCaps": [{"channel": "email", "caps": [{"count": 1}]}], "defaultQuietHours": null}}""")]
    public void Reading_something_that_is_not_a_plan_set_fails_with_a_reason(string json)
    {
        Assert.False(PlanJson.TryDeserialize(json, out var plans, out var error));
        Assert.Null(plans);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task The_rulesengine_export_runs_in_rulesengine_with_its_literal_table()
    {
        var plans = Plans(new SourceFile("rules/rich.trigger", Rich));
        var export = JsonNode.Parse(PlanJson.EmitRulesEngine(plans))!;

        var workflows = export["workflows"].Deserialize<Workflow[]>()!;
        var workflow = Assert.Single(workflows);
        Assert.Equal("rich", workflow.WorkflowName);
        Assert.Equal(plans.Rules[0].Audience!.Workflow.Expression, Assert.Single(workflow.Rules).Expression);
        Assert.Equal("""{"scope":"profile","name":"country","type":"string"}""", export["inputs"]!["rich"]![0]!.ToJsonString());

        var literals = export["literals"]!["rich"]!.AsObject().Select(l => l.Value.Deserialize<Literal>(JsonSerializerOptions.Web)!).ToList();
        var engine = new RulesEngine.RulesEngine(workflows, new ReSettings { IsExpressionCaseSensitive = true });
        var profile = new { has_children = (bool?)true, last_school_purchase = (DateTime?)new DateTime(2025, 9, 1), country = "US", interests = new List<string> { "tennis" } };
        var results = await engine.ExecuteAllRulesAsync(
            "rich",
            new RuleParameter("profile", profile),
            new RuleParameter("signal", new { }),
            new RuleParameter("lit", InputValues.Literals(literals)));

        Assert.True(Assert.Single(results).IsSuccess, results[0].ExceptionMessage);
    }
}
