using System.Globalization;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Checking;

/// <summary>A rule's test: variant names and weights, the control group, and what its status demands.</summary>
internal sealed class ExperimentChecks(Reporter report)
{
    private const decimal MaxControl = 50m;

    public void Check(RuleSyntax rule, RuleStatusKind? status)
    {
        var variants = rule.ClausesOf<VariantClause>().ToList();
        var control = rule.Clause<ControlClause>();
        Names(variants);
        Weights(variants);
        if (control is not null && control.Share.Value > MaxControl)
        {
            report.Add(
                Descriptors.ControlOutOfRange,
                control.Share.Span,
                $"a control group of {Show(control.Share)} holds back too many customers",
                $"use {MaxControl}% or less; 10% is usual");
        }

        var statusSpan = rule.Clause<StatusClause>()?.Status.Span ?? SourceSpan.None;
        if (status == RuleStatusKind.Test)
        {
            Test(rule, control, statusSpan);
        }
        else if (status == RuleStatusKind.AlwaysOn)
        {
            AlwaysOn(rule, variants, control, statusSpan);
        }
    }

    /// <summary>Reports a percentage outside 0–100%; other values pass.</summary>
    public static void Percent(Reporter report, ValueSyntax value)
    {
        if (value is PercentValue { Value: > 100m } percent)
        {
            report.Add(Descriptors.PercentOutOfRange, percent.Span, $"{Show(percent)} is more than 100%", "write a percentage from 0% to 100%");
        }
    }

    private static string Show(PercentValue percent) => percent.Value.ToString(CultureInfo.InvariantCulture) + "%";

    private void Names(List<VariantClause> variants)
    {
        var seen = new Dictionary<string, VariantClause>(StringComparer.Ordinal);
        foreach (var variant in variants)
        {
            if (!seen.TryAdd(variant.Name.Value, variant))
            {
                report.Add(
                    Descriptors.DuplicateVariant,
                    variant.Name.Span,
                    $"variant `{variant.Name.Value}` is already defined on line {seen[variant.Name.Value].Span.Line}",
                    "give each variant its own name; results are reported by name");
            }
        }
    }

    private void Weights(List<VariantClause> variants)
    {
        foreach (var variant in variants)
        {
            Percent(report, variant.Weight);
        }

        // Out-of-range weights are already reported, and summing them could overflow.
        if (variants.Count == 0 || variants.Any(v => v.Weight.Value > 100m))
        {
            return;
        }

        var total = variants.Sum(v => v.Weight.Value);
        if (total == 100m)
        {
            return;
        }

        var last = variants[^1];
        var rest = 100m - (total - last.Weight.Value);
        var hint = rest > 0m
            ? $"make them add up to 100%, for instance by giving `{last.Name.Value}` {rest.ToString(CultureInfo.InvariantCulture)}%"
            : "make them add up to 100%; the control group is set apart first, with `control`";
        report.Add(Descriptors.WeightsNotHundred, last.Weight.Span, $"the variant weights add up to {total.ToString(CultureInfo.InvariantCulture)}%, not 100%", hint);
    }

    private void Test(RuleSyntax rule, ControlClause? control, SourceSpan statusSpan)
    {
        if (rule.Clause<GoalClause>() is null)
        {
            report.Add(
                Descriptors.TestWithoutGoal,
                statusSpan,
                $"rule `{rule.Name.Value}` is a test but has no goal, so no winner can ever be called",
                "add the conversion the test is judged on, such as `goal purchase within 7d`");
        }

        if (control is null || control.Share.Value == 0m)
        {
            report.Add(
                Descriptors.TestWithoutControl,
                control?.Share.Span ?? statusSpan,
                $"rule `{rule.Name.Value}` is a test without a control group, so its lift over sending nothing cannot be measured",
                "add `control 10%`");
        }
    }

    private void AlwaysOn(RuleSyntax rule, List<VariantClause> variants, ControlClause? control, SourceSpan statusSpan)
    {
        var hasControl = control is not null && control.Share.Value > 0m;
        if (variants.Count <= 1 && !hasControl)
        {
            return;
        }

        // The heaviest variant is taken as the one being promoted; the others lose.
        var winner = variants.OrderByDescending(v => v.Weight.Value).FirstOrDefault();
        var losers = variants.Where(v => !ReferenceEquals(v, winner)).Select(v => $"`{v.Name.Value}`").ToList();
        if (hasControl)
        {
            losers.Add($"a {Show(control!.Share)} control group");
        }

        var promote = winner is null
            ? "to promote the rule, delete the `control` line"
            : $"to promote `{winner.Name.Value}`, move its channel, template and parameters onto `send`, then delete every `variant` line" + (hasControl ? " and the `control` line" : "");
        report.Add(
            Descriptors.AlwaysOnWithLosers,
            statusSpan,
            $"rule `{rule.Name.Value}` is always-on but still splits its traffic: {Hints.Sentence(losers)} would go on getting customers",
            promote + "; or keep testing with `status test`");
    }
}
