using System.Text.RegularExpressions;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Tests.Corpus;

/// <summary>
/// Every scenario of SCENARIOS.md is expressed by rules in <c>rules/</c>: the table pins which,
/// and each scenario's test asserts the clauses that make the rule that scenario.
/// </summary>
public sealed partial class ScenarioCoverageTests
{
    /// <summary>Scenario number → the rules that express it.</summary>
    private static readonly Dictionary<int, string[]> Scenarios = new()
    {
        [1] = ["bts-browse"],
        [2] = ["resupply-toothpaste", "resupply-coffee"],
        [3] = ["next-product"],
        [4] = ["first-90-days-online"],
        [5] = ["cart-reminder"],
        [6] = ["store-nearby"],
        [7] = ["post-visit-email", "post-visit-sms", "lapsed-visitor-email", "lapsed-visitor-sms"],
        [8] = ["churn-retention", "churn-retention-price"],
        [9] = ["flight-delayed", "flight-landed"],
        [10] = ["ticket-resolved-email", "ticket-resolved-sms", "ticket-resolved-push"],
    };

    private static readonly Dictionary<string, RuleSyntax> RulesByName =
        RuleCorpusTests.Rules().ToDictionary(r => r.Name.Value, StringComparer.Ordinal);

    [Fact]
    public void Every_scenario_has_rules_and_every_rule_has_a_scenario()
    {
        Assert.Equal(Enumerable.Range(1, 10), Scenarios.Keys.Order());
        Assert.Equal(
            Scenarios.Values.SelectMany(n => n).Order(StringComparer.Ordinal),
            RulesByName.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_file_header_names_the_scenario_its_rules_are_pinned_to()
    {
        foreach (var file in RulesFolder.RuleFiles())
        {
            var text = RuleCorpusTests.ReadRuleFile(file);
            var scenario = int.Parse(ScenarioNumber().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            foreach (var rule in RuleParser.Parse(file, text).File.Rules)
            {
                Assert.Contains(rule.Name.Value, Scenarios[scenario]);
            }
        }
    }

    [Fact]
    public void Scenario_1_back_to_school_browse_abandonment()
    {
        var rule = Rule("bts-browse");

        Assert.Equal("test", rule.Clause<StatusClause>()!.Status.Text);
        Assert.NotEqual("unassigned", rule.Clause<OwnerClause>()!.Owner.Value);
        var active = rule.Clause<ActiveClause>()!;
        Assert.Equal(7, active.From!.Value.Month);
        Assert.Equal(9, active.Until!.Value.Month);
        Assert.Equal("browsed category", Signal(rule).Name.Text);
        var without = Assert.Single(rule.ClausesOf<WithoutClause>());
        Assert.Equal(("purchase", TimeSpan.FromHours(24), WindowAnchor.LatestSignal), (without.Event.Name.Text, without.Within.ToTimeSpan(), without.Anchor));
        Assert.Equal("back-to-school", Assert.IsType<SegmentCondition>(rule.Clause<AudienceClause>()!.Condition).Segment.Text);
        var send = Assert.Single(rule.ClausesOf<SendClause>());
        Assert.Equal("email", send.Channel.Text);
        Assert.Equal(10m, Offer(send.Parameters));
        Assert.Equal(["offer", "recommendations", "tips"], send.Parameters.Select(p => p.Name.Text).Order());
        Assert.NotNull(rule.Clause<ControlClause>());
        Assert.Equal([10m, 15m], rule.ClausesOf<VariantClause>().Select(v => Offer(v.Parameters)));
        Assert.Equal(("purchase", TimeSpan.FromDays(7)), (rule.Clause<GoalClause>()!.Event.Name.Text, rule.Clause<GoalClause>()!.Within.ToTimeSpan()));
        Assert.NotNull(rule.Clause<MinimumSampleClause>());
    }

    [Fact]
    public void Scenario_2_resupply_window()
    {
        var signal = Assert.IsType<RecencySignal>(Rule("resupply-toothpaste").Clause<WhenClause>()!.Signal);

        Assert.Equal(("purchase", "toothpaste", TimeSpan.FromDays(30)), (signal.Event.Name.Text, signal.Event.Of!.Value, signal.After.ToTimeSpan()));
        var send = Rule("resupply-toothpaste").Clause<SendClause>()!;
        Assert.NotNull(Offer(send.Parameters));
        Assert.Contains(send.Parameters, p => p.Name.Text == "brand");
        Assert.IsType<RecencySignal>(Rule("resupply-coffee").Clause<WhenClause>()!.Signal);
    }

    [Fact]
    public void Scenario_3_next_product_to_buy()
    {
        var rule = Rule("next-product");

        Assert.Equal("clicked product", Signal(rule).Name.Text);
        Assert.Equal("purchase", Assert.Single(rule.ClausesOf<WithoutClause>()).Event.Name.Text);
        Assert.Equal("related-products", rule.Clause<SendClause>()!.Template!.Value);
    }

    [Fact]
    public void Scenario_4_new_customers_first_90_days()
    {
        var rule = Rule("first-90-days-online");

        var tenure = rule.Clause<TenureClause>()!;
        Assert.Equal(("purchase", TimeSpan.FromDays(90)), (tenure.Event.Name.Text, tenure.Within.ToTimeSpan()));
        Assert.Equal("purchase", Signal(rule).Name.Text);
        Assert.Contains("\"store\"", Text(rule, Signal(rule).Span), StringComparison.Ordinal);
        Assert.Contains("\"online\"", Text(rule, rule.Clause<WithoutClause>()!.Span), StringComparison.Ordinal);
        Assert.Contains(rule.ClausesOf<CapClause>(), c => c.Scope is EverCapScope && c.Count.Value == 1);
    }

    [Fact]
    public void Scenario_5_cart_abandonment()
    {
        var rule = Rule("cart-reminder");

        Assert.Equal("added to cart", Signal(rule).Name.Text);
        var without = Assert.Single(rule.ClausesOf<WithoutClause>());
        Assert.Equal(("checkout", TimeSpan.FromHours(1)), (without.Event.Name.Text, without.Within.ToTimeSpan()));
        Assert.Contains(rule.ClausesOf<CapClause>(), c => c is { Scope: PropertyCapScope { Property.Text: "cart" }, Count.Value: 1 });
        Assert.Contains(rule.ClausesOf<CapClause>(), c => c is { Scope: DurationCapScope, Count.Value: < 10 });
    }

    [Fact]
    public void Scenario_6_geofence_push()
    {
        var rule = Rule("store-nearby");

        Assert.Equal("entered store area", Signal(rule).Name.Text);
        Assert.Equal("push", rule.Clause<SendClause>()!.Channel.Text);
        Assert.Equal(QuietHoursPolicy.Drop, rule.Clause<QuietHoursClause>()!.Policy);
        Assert.True(rule.Clause<PriorityClause>()!.Priority.Value > 50);
        Assert.True(rule.ClausesOf<CapClause>().Count() >= 2);
        Assert.Contains("segment app-users", Text(rule, rule.Clause<AudienceClause>()!.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_7_post_visit_tailored_by_time_since_visit_and_preferred_channel()
    {
        var rules = Scenarios[7].Select(Rule).ToList();

        Assert.All(rules, r => Assert.Contains("profile.preferred_channel", Text(r, r.Clause<AudienceClause>()!.Span), StringComparison.Ordinal));
        Assert.Equal(["email", "sms"], rules.Select(r => r.Clause<SendClause>()!.Channel.Text).Distinct().Order());
        Assert.Contains(rules, r => r.Clause<WaitClause>() is not null);
        Assert.Contains(rules, r => r.Clause<WhenClause>()!.Signal is RecencySignal { Event.Name.Text: "store visit" });
        Assert.Contains(rules, r => r.ClausesOf<VariantClause>().Any(v => v.Wait is not null));
    }

    [Fact]
    public void Scenario_8_churn_risk()
    {
        Assert.All(Scenarios[8].Select(Rule), rule =>
        {
            Assert.Equal("churn signal", Signal(rule).Name.Text);
            Assert.Contains("score", Text(rule, Signal(rule).Span), StringComparison.Ordinal);
            Assert.Contains("segment multi-line-household", Text(rule, rule.Clause<AudienceClause>()!.Span), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Scenario_9_travel()
    {
        var delayed = Rule("flight-delayed");
        var landed = Rule("flight-landed");

        Assert.Equal("flight delayed", Signal(delayed).Name.Text);
        Assert.Equal(
            [("email", "flight-delay-hotel"), ("sms", "flight-delay-traveller")],
            delayed.ClausesOf<SendClause>().Select(s => (s.Channel.Text, s.Template!.Value)));
        Assert.Equal("flight landed", Signal(landed).Name.Text);
        Assert.Equal(("sms", "flight-landed-directions"), (landed.Clause<SendClause>()!.Channel.Text, landed.Clause<SendClause>()!.Template!.Value));
    }

    [Fact]
    public void Scenario_10_ticket_resolved_in_the_customers_channel()
    {
        var rules = Scenarios[10].Select(Rule).ToList();

        Assert.All(rules, r => Assert.Equal("ticket resolved", Signal(r).Name.Text));
        Assert.All(rules, r => Assert.Contains(
            $"profile.preferred_channel = \"{r.Clause<SendClause>()!.Channel.Text}\"",
            Text(r, r.Clause<AudienceClause>()!.Span),
            StringComparison.Ordinal));
        Assert.Equal(["email", "push", "sms"], rules.Select(r => r.Clause<SendClause>()!.Channel.Text).Order());
    }

    private static RuleSyntax Rule(string name) =>
        RulesByName.TryGetValue(name, out var rule) ? rule : throw new Xunit.Sdk.XunitException($"rules/ has no rule \"{name}\"");

    private static EventReference Signal(RuleSyntax rule) => rule.Clause<WhenClause>()!.Signal switch
    {
        EventSignal s => s.Event,
        RecencySignal s => s.Event,
        var other => throw new Xunit.Sdk.XunitException($"unexpected signal {other}"),
    };

    private static decimal? Offer(IEnumerable<ParameterSyntax> parameters) =>
        parameters.FirstOrDefault(p => p.IsOffer)?.Value is PercentValue percent ? percent.Value : null;

    /// <summary>The source text of a clause of <paramref name="rule"/>: conditions are easiest to assert as written.</summary>
    private static string Text(RuleSyntax rule, SourceSpan span)
    {
        var file = RulesFolder.RuleFiles().Single(f => RuleParser.Parse(f, RuleCorpusTests.ReadRuleFile(f)).File.Rules.Any(r => r.Name.Value == rule.Name.Value));
        return RuleCorpusTests.ReadRuleFile(file).Substring(span.Start, span.Length);
    }

    [GeneratedRegex(@"^# Scenario (\d+)")]
    private static partial Regex ScenarioNumber();
}
