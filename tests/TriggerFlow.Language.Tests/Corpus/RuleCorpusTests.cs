using System.Text.RegularExpressions;
using TriggerFlow.Language.Formatting;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Tests.Corpus;

/// <summary>The rule files in <c>rules/</c> are valid, checked, and follow the house conventions.</summary>
public sealed partial class RuleCorpusTests
{
    public static TheoryData<string> TriggerFiles() => new(RulesFolder.TriggerFiles());

    public static TheoryData<string> RuleFiles() => new(RulesFolder.RuleFiles());

    [Theory]
    [MemberData(nameof(TriggerFiles))]
    public void Every_file_parses_without_diagnostics(string file)
    {
        var result = RuleParser.Parse(file, ReadRuleFile(file));

        Assert.True(result.Diagnostics.Count == 0, RulesFolder.Show(result.Diagnostics));
    }

    [Theory]
    [MemberData(nameof(TriggerFiles))]
    public void Every_file_is_in_canonical_form(string file)
    {
        var check = FormatCheck.Of(file, ReadRuleFile(file));

        Assert.True(check.IsFormatted, $"`triggerflow fmt` would rewrite rules/{file} as:{Environment.NewLine}{check.Formatted}");
    }

    [Fact]
    public void The_rules_folder_checks_clean()
    {
        var diagnostics = RulesFolder.Check();

        Assert.True(diagnostics.Count == 0, RulesFolder.Show(diagnostics));
    }

    [Fact]
    public void There_are_at_least_twelve_rule_files()
    {
        Assert.True(RulesFolder.RuleFiles().Count >= 12, string.Join(", ", RulesFolder.RuleFiles()));
    }

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void Every_rule_file_opens_with_a_comment_naming_its_scenario(string file)
    {
        var firstLine = ReadRuleFile(file).Split('\n')[0];

        Assert.Matches(ScenarioHeader(), firstLine);
    }

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void Every_rule_is_written_out_in_full(string file)
    {
        // The corpus is the canonical long form: the one-line form lives in docs/examples/.
        var parsed = RuleParser.Parse(file, ReadRuleFile(file)).File;

        Assert.NotEmpty(parsed.Rules);
        Assert.All(parsed.Rules, rule =>
        {
            Assert.False(rule.ImplicitName, $"{rule.Name.Value} has no `rule \"name\"` header");
            Assert.NotNull(rule.Clause<OwnerClause>());
            Assert.NotNull(rule.Clause<StatusClause>());
            Assert.NotNull(rule.Clause<PriorityClause>());
            Assert.NotNull(rule.Clause<QuietHoursClause>());
            Assert.All(rule.ClausesOf<SendClause>(), send => Assert.NotNull(send.Template));
        });
    }

    [Fact]
    public void Every_test_rule_has_a_goal_and_keeps_10_to_20_percent_as_control()
    {
        Assert.All(RulesWithStatus("test"), rule =>
        {
            Assert.NotNull(rule.Clause<GoalClause>());
            Assert.NotNull(rule.Clause<MinimumSampleClause>());
            var control = rule.Clause<ControlClause>();
            Assert.NotNull(control);
            Assert.InRange(control.Share.Value, 10m, 20m);
            Assert.True(rule.ClausesOf<VariantClause>().Count() >= 2, $"{rule.Name.Value} tests fewer than two variants");
        });
    }

    [Fact]
    public void Always_on_rules_have_no_control_group_and_at_most_one_variant()
    {
        Assert.All(RulesWithStatus("always-on"), rule =>
        {
            Assert.Null(rule.Clause<ControlClause>());
            Assert.True(rule.ClausesOf<VariantClause>().Count() <= 1, $"{rule.Name.Value} still has test arms");
        });
    }

    [Fact]
    public void Every_status_is_used()
    {
        var statuses = Rules().Select(r => r.Clause<StatusClause>()!.Status.Text).ToHashSet();

        Assert.Superset(statuses, new HashSet<string> { "draft", "test", "always-on", "paused" });
    }

    [Fact]
    public void The_corpus_uses_every_form_of_the_language()
    {
        var rules = Rules().ToList();
        var conditions = rules.SelectMany(Conditions).SelectMany(Flatten).ToList();
        var text = string.Concat(RulesFolder.RuleFiles().Select(ReadRuleFile));

        Assert.Contains(rules, r => r.Clause<ThenClause>() is not null);
        Assert.Contains(rules, r => r.ClausesOf<WithoutClause>().Any(w => w.Anchor == WindowAnchor.FirstSignal));
        Assert.Contains(rules, r => r.ClausesOf<WithoutClause>().Any(w => w.Anchor == WindowAnchor.LatestSignal));
        Assert.Contains(rules, r => r.Clause<WaitClause>() is not null);
        Assert.Contains(rules, r => r.Clause<TenureClause>() is not null);
        Assert.Contains(rules, r => r.Clause<WhenClause>()!.Signal is RecencySignal);
        Assert.Contains(rules, r => r.Clause<ActiveClause>() is not null);
        Assert.Contains(rules, r => r.ClausesOf<SendClause>().Count() >= 2);
        Assert.Contains(rules, r => r.ClausesOf<VariantClause>().Any(v => v.Channel is not null));
        Assert.Contains(rules, r => r.ClausesOf<VariantClause>().Any(v => v.Wait is not null));
        Assert.Contains(rules, r => r.ClausesOf<CapClause>().Any(c => c.Scope is PropertyCapScope));
        Assert.Contains(rules, r => r.ClausesOf<CapClause>().Any(c => c.Scope is EverCapScope));
        Assert.Contains(rules, r => r.Clause<QuietHoursClause>() is { Policy: QuietHoursPolicy.Drop });
        Assert.Contains(rules, r => r.Clause<QuietHoursClause>() is { Hours: not null });
        Assert.Contains(conditions, c => c is InCondition);
        Assert.Contains(conditions, c => c is NotCondition);
        Assert.Contains(conditions, c => c is OrCondition);
        Assert.Contains(conditions, c => c is IsSetCondition { Negated: false });
        Assert.Contains(conditions, c => c is IsSetCondition { Negated: true });
        Assert.Contains(conditions, c => c is ComparisonCondition { Operator: ComparisonOperator.Contains });
        Assert.Contains("(", text, StringComparison.Ordinal);
        Assert.Contains(rules, r => r.Clause<WhenClause>()!.Signal is EventSignal { Event.Of: not null } or RecencySignal { Event.Of: not null });
    }

    internal static IEnumerable<RuleSyntax> Rules() =>
        RulesFolder.RuleFiles().SelectMany(f => RuleParser.Parse(f, ReadRuleFile(f)).File.Rules);

    internal static string ReadRuleFile(string file) => File.ReadAllText(System.IO.Path.Combine(RulesFolder.Path, file));

    private static IEnumerable<RuleSyntax> RulesWithStatus(string status)
    {
        var rules = Rules().Where(r => r.Clause<StatusClause>()?.Status.Text == status).ToList();
        Assert.NotEmpty(rules);
        return rules;
    }

    private static IEnumerable<ConditionSyntax> Conditions(RuleSyntax rule)
    {
        var events = rule.Clauses.Select(c => c switch
        {
            WhenClause { Signal: EventSignal s } => s.Event,
            WhenClause { Signal: RecencySignal s } => s.Event,
            ThenClause t => t.Event,
            WithoutClause w => w.Event,
            TenureClause t => t.Event,
            GoalClause g => g.Event,
            _ => null,
        });
        return events.Select(e => e?.Where)
            .Concat(rule.ClausesOf<AudienceClause>().Select(a => a.Condition))
            .OfType<ConditionSyntax>();
    }

    private static IEnumerable<ConditionSyntax> Flatten(ConditionSyntax condition) => condition switch
    {
        AndCondition a => Flatten(a.Left).Concat(Flatten(a.Right)).Prepend(a),
        OrCondition o => Flatten(o.Left).Concat(Flatten(o.Right)).Prepend(o),
        NotCondition n => Flatten(n.Operand).Prepend(n),
        _ => [condition],
    };

    [GeneratedRegex(@"^# Scenario (10|[1-9])\b: ")]
    private static partial Regex ScenarioHeader();
}
