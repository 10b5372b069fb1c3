using System.Globalization;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Checking;

/// <summary>Time in a rule: durations, the active period, the windows inside it, caps and quiet hours.</summary>
internal sealed class WindowChecks(Reporter report)
{
    private static readonly long YearSeconds = (long)TimeSpan.FromDays(365).TotalSeconds;

    /// <summary>How a duration is judged.</summary>
    /// <param name="InActivePeriod">It must fit in the active period: a signal late in the period must still complete it.</param>
    /// <param name="Window">It is a window over the customer's history, where a year or more is almost always a slip.</param>
    private sealed record Timed(DurationSyntax Duration, bool InActivePeriod, bool Window);

    public void Check(RuleSyntax rule)
    {
        var period = ActivePeriod(rule.Clause<ActiveClause>());
        foreach (var timed in Durations(rule))
        {
            Duration(timed, period);
        }

        foreach (var cap in rule.ClausesOf<CapClause>())
        {
            Cap(report, cap);
        }

        foreach (var quiet in rule.ClausesOf<QuietHoursClause>())
        {
            QuietHours(report, quiet.Hours);
        }
    }

    public static void Positive(Reporter report, DurationSyntax duration)
    {
        if (duration.Amount <= 0)
        {
            report.Add(Descriptors.NonPositiveDuration, duration.Span, $"a duration of `{Hints.Duration(duration)}` never passes", "use a duration of at least one unit, such as `30m`, `24h` or `7d`");
        }
    }

    public static void Cap(Reporter report, CapClause cap)
    {
        if (cap.Count.Value <= 0)
        {
            report.Add(Descriptors.NonPositiveCap, cap.Count.Span, "`at most 0` lets nothing be sent", "allow at least 1; to stop sending altogether, use `status paused`");
        }

        if (cap.Scope is DurationCapScope window)
        {
            Positive(report, window.Window);
        }
    }

    public static void QuietHours(Reporter report, TimeRangeSyntax? hours)
    {
        if (hours is not null && hours.Start.Value == hours.End.Value)
        {
            report.Add(
                Descriptors.EmptyQuietHours,
                hours.Span,
                $"quiet hours start and end at {hours.Start.Value.ToString("HH:mm", CultureInfo.InvariantCulture)}, so it is unclear whether they cover no time or the whole day",
                "give different times, such as `21:00 to 08:00`; leave the hours out to use the default quiet hours");
        }
    }

    private static IEnumerable<Timed> Durations(RuleSyntax rule)
    {
        foreach (var clause in rule.Clauses)
        {
            var timed = clause switch
            {
                WhenClause { Signal: RecencySignal recency } => new Timed(recency.After, true, true),
                ThenClause then => new Timed(then.Within, true, true),
                WithoutClause without => new Timed(without.Within, true, true),
                WaitClause wait => new Timed(wait.Delay, true, true),
                GoalClause goal => new Timed(goal.Within, true, true),
                VariantClause { Wait: { } wait } => new Timed(wait, true, true),

                // Tenure looks back over the customer's history, which the active period does not bound.
                TenureClause tenure => new Timed(tenure.Within, false, true),
                _ => null,
            };
            if (timed is not null)
            {
                yield return timed;
            }
        }
    }

    private void Duration(Timed timed, (long Days, string Text)? period)
    {
        var duration = timed.Duration;
        if (duration.Amount <= 0)
        {
            Positive(report, duration);
            return;
        }

        var shown = Hints.Duration(duration);
        if (timed.InActivePeriod && period is { } p && duration.TotalSeconds > p.Days * 86_400)
        {
            report.Add(
                Descriptors.WindowLongerThanActivePeriod,
                duration.Span,
                $"`{shown}` is longer than the rule's active period of {p.Days} {(p.Days == 1 ? "day" : "days")} ({p.Text})",
                "a signal in the period can never complete this window before the rule ends; shorten the window or extend `active until`");
        }

        if (timed.Window && duration.TotalSeconds > YearSeconds)
        {
            report.Add(
                Descriptors.SuspiciousWindow,
                duration.Span,
                $"`{shown}` is longer than a year",
                "check the unit (`h` for hours, `d` for days, `w` for weeks); keep windows to 365 days or less");
        }
    }

    /// <summary>The active period's length in days, its `until` day included; null when either end is open or it is reversed.</summary>
    private (long Days, string Text)? ActivePeriod(ActiveClause? active)
    {
        if (active is not { From: { } from, Until: { } until })
        {
            return null;
        }

        var text = $"{Date(from)} to {Date(until)}";
        if (until.Value < from.Value)
        {
            report.Add(
                Descriptors.ActivePeriodReversed,
                until.Span,
                $"the active period ends on {Date(until)}, before it starts on {Date(from)}",
                "swap the dates, or correct the `until` date");
            return null;
        }

        return (until.Value.DayNumber - from.Value.DayNumber + 1, text);
    }

    private static string Date(DateValue date) => date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
