using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Syntax;
using TriggerFlow.Language.Workspace;
using static TriggerFlow.Language.Tests.Compilation.CompilerHarness;

namespace TriggerFlow.Language.Tests.Compilation;

public sealed class RuleCompilerTests
{
    [Fact]
    public void The_one_line_form_gets_every_default()
    {
        var plan = Rule(
            "when browsed category without purchase within 24h and segment back-to-school, send email with 10% offer",
            "rules/back-to-school-browse.trigger");

        Assert.Equal("back-to-school-browse", plan.Name);
        Assert.Equal(RuleDefaults.Owner, plan.Owner);
        Assert.Equal("unassigned", plan.Owner);
        Assert.Equal(RuleStatusKind.Draft, plan.Status);
        Assert.Equal(50, plan.Priority);
        Assert.Equal(new QuietHoursPlan(QuietHoursPolicy.Hold, null), plan.QuietHours);
        var action = Assert.Single(plan.Actions);
        Assert.Equal("email", action.Channel);
        Assert.Equal("back-to-school-browse", action.Template);
        Assert.Equal(new ParameterPlan("offer", new PercentLiteral(10)), Assert.Single(action.Parameters));
        var absence = Assert.Single(plan.Absences);
        Assert.Equal(new AbsencePlan(new EventMatchPlan("purchase", null), 86_400, WindowAnchor.LatestSignal), absence);
        Assert.Equal(new SignalPlan(SignalKind.Event, new EventMatchPlan("browsed category", null), null), plan.Signal);
        Assert.Equal(RulePlan.CurrentSchemaVersion, plan.SchemaVersion);
        Assert.Null(plan.WaitSeconds);
        Assert.Null(plan.ControlPercent);
        Assert.Empty(plan.Variants);
        Assert.Equal(new SourcePlan("rules/back-to-school-browse.trigger", 1), plan.Source);
    }

    [Fact]
    public void Of_becomes_a_filter_on_the_events_subject_before_its_where()
    {
        var plan = Rule("""
            rule "resupply-reminder"
              when 30d since last purchase of "toothpaste" where brand = "Brite"
              send push
            """);

        Assert.Equal(SignalKind.Recency, plan.Signal.Kind);
        Assert.Equal(2_592_000, plan.Signal.AfterSeconds);
        var filter = Assert.IsType<AndPlan>(plan.Signal.Event.Filter);
        Assert.Equal(
            [
                new ComparePlan(new PropertyRef(PropertyScope.Event, "category", PropertyType.String), ComparisonOperator.Equal, new StringLiteral("toothpaste")),
                new ComparePlan(new PropertyRef(PropertyScope.Event, "brand", PropertyType.String), ComparisonOperator.Equal, new StringLiteral("Brite")),
            ],
            filter.Operands);
    }

    [Fact]
    public void Segments_are_expanded_inline_and_nested_ands_flattened()
    {
        var plan = Audience("segment back-to-school and profile.country = \"US\"");

        var audience = Assert.IsType<AndPlan>(plan.Audience!.Condition);
        Assert.Equal(
            [
                new ComparePlan(new PropertyRef(PropertyScope.Profile, "has_children", PropertyType.Boolean), ComparisonOperator.Equal, new BooleanLiteral(true)),
                new ComparePlan(new PropertyRef(PropertyScope.Profile, "last_school_purchase", PropertyType.Date), ComparisonOperator.GreaterOrEqual, new DateLiteral(new DateOnly(2025, 8, 1))),
                new ComparePlan(new PropertyRef(PropertyScope.Profile, "country", PropertyType.String), ComparisonOperator.Equal, new StringLiteral("US")),
            ],
            audience.Operands);
    }

    [Fact]
    public void An_or_segment_keeps_its_grouping_under_an_and()
    {
        var plan = Audience("segment high-value and event.price > 20");

        var audience = Assert.IsType<AndPlan>(plan.Audience!.Condition);
        var highValue = Assert.IsType<OrPlan>(audience.Operands[0]);
        Assert.Equal(2, highValue.Operands.Count);
        var tier = Assert.IsType<InPlan>(highValue.Operands[1]);
        Assert.Equal([new StringLiteral("gold"), new StringLiteral("platinum")], tier.Values);
        Assert.Equal(
            new ComparePlan(new PropertyRef(PropertyScope.Signal, "price", PropertyType.Number), ComparisonOperator.Greater, new NumberLiteral(20)),
            audience.Operands[1]);
    }

    [Fact]
    public void Every_clause_compiles_with_durations_in_seconds_and_unordered_parts_in_canonical_order()
    {
        var plan = Rule("""
            rule "full"
              owner "lifecycle team"
              status always-on
              priority 70
              active from 2026-07-01 until 2026-09-30
              when viewed product where price >= 10.50
              then added to cart within 1h
              without checkout within 2h from first signal
              within 90d of first purchase
              wait 30m
              send push template "cart-reminder"
              send email template "cart-reminder" with 15% offer
              at most 3 per 30d
              at most 1 per product
              at most 1 per 7d
              at most 5 ever
              quiet hours 22:00 to 07:00 drop
              goal checkout within 7d
              minimum sample 500
            """);

        Assert.Equal(("lifecycle team", RuleStatusKind.AlwaysOn, 70), (plan.Owner, plan.Status, plan.Priority));
        Assert.Equal((new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30)), (plan.ActiveFrom!.Value, plan.ActiveUntil!.Value));
        var filter = Assert.IsType<ComparePlan>(plan.Signal.Event.Filter);
        Assert.Equal(new NumberLiteral(10.5m), filter.Value);
        Assert.Equal("10.5", ((NumberLiteral)filter.Value).Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new SequenceStepPlan(new EventMatchPlan("added to cart", null), 3_600), Assert.Single(plan.Sequence));
        Assert.Equal(new AbsencePlan(new EventMatchPlan("checkout", null), 7_200, WindowAnchor.FirstSignal), Assert.Single(plan.Absences));
        Assert.Equal(new TenurePlan(7_776_000, new EventMatchPlan("purchase", null)), plan.Tenure);
        Assert.Equal(1_800, plan.WaitSeconds);
        Assert.Equal(["email", "push"], plan.Actions.Select(a => a.Channel));
        Assert.Equal(
            [
                new CapPlan(1, CapScopeKind.Window, 604_800, null),
                new CapPlan(3, CapScopeKind.Window, 2_592_000, null),
                new CapPlan(1, CapScopeKind.Property, null, "product"),
                new CapPlan(5, CapScopeKind.Ever, null, null),
            ],
            plan.Caps);
        Assert.Equal(new QuietHoursPlan(QuietHoursPolicy.Drop, new TimeRangePlan(new TimeOnly(22, 0), new TimeOnly(7, 0))), plan.QuietHours);
        Assert.Equal(new GoalPlan(new EventMatchPlan("checkout", null), 604_800), plan.Goal);
        Assert.Equal(500, plan.MinimumSample);
        Assert.Null(plan.Audience);
    }

    [Fact]
    public void Variants_keep_their_order_and_overrides_and_the_control_share_is_kept()
    {
        var plan = Rule("""
            rule "churn-retention"
              status test
              when churn signal
              send email with 15% offer
              control 20%
              variant "by-sms" 50% via sms template "churn-retention" wait 2h with 20% offer
              variant "by-email" 50%
              goal purchase within 60d
            """);

        Assert.Equal(20m, plan.ControlPercent);
        Assert.Equal(
            ["by-sms", "by-email"],
            plan.Variants.Select(v => v.Name));
        var sms = plan.Variants[0];
        Assert.Equal(("sms", "churn-retention", 7_200L, 50m), (sms.Channel, sms.Template, sms.WaitSeconds!.Value, sms.Weight));
        Assert.Equal(new ParameterPlan("offer", new PercentLiteral(20)), Assert.Single(sms.Parameters));
        var email = plan.Variants[1];
        Assert.Equal((null, null, null), (email.Channel, email.Template, email.WaitSeconds));
        Assert.Empty(email.Parameters);
    }

    [Fact]
    public void Governance_holds_channel_caps_by_channel_and_the_default_quiet_hours()
    {
        var governance = Plans().Governance;

        Assert.Equal(["email", "push", "sms"], governance.ChannelCaps.Select(c => c.Channel));
        Assert.Equal([new ChannelCapPlan(1, 86_400), new ChannelCapPlan(3, 604_800)], governance.ChannelCaps[0].Caps);
        Assert.Equal(new TimeRangePlan(new TimeOnly(21, 0), new TimeOnly(8, 0)), governance.DefaultQuietHours);
    }

    [Fact]
    public void A_set_with_an_error_gives_no_plans_and_says_where()
    {
        var result = Compile(new SourceFile("rules/broken.trigger", """
            rule "broken"
              when teleported
              send email template "cart-reminder"
            """));

        Assert.False(result.Succeeded);
        Assert.Null(result.Plans);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Path == "rules/broken.trigger" && d.Span.Line == 2);
    }

    [Fact]
    public void A_parse_error_gives_no_plans()
    {
        var result = Compile(new SourceFile("rules/broken.trigger", "rule \"x\"\n  when viewed product where price >\n  send push template \"store-nearby\""));

        Assert.Null(result.Plans);
        Assert.Contains(result.Diagnostics, d => d.IsError);
    }
}
