using System.Globalization;
using NodaTime.Text;
using TriggerFlow.Engine.Decisions;

namespace TriggerFlow.Simulation.Backtest;

/// <summary>A table of text cells; the first <see cref="TextColumns"/> columns are text, the rest numbers (right-aligned).</summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, int TextColumns);

/// <summary>
/// The report's tables, shared by the text and Markdown renderings so both show the same columns:
/// rules (windows and totals), sends and suppressions per variant and channel, sends per day.
/// </summary>
public static class BacktestTables
{
    /// <summary>Short column names for suppression reasons, in the order the engine checks them.</summary>
    public static string Label(SuppressionReason reason) => reason switch
    {
        SuppressionReason.OutsideActivePeriod => "inactive",
        SuppressionReason.NotInAudience => "not in audience",
        SuppressionReason.ControlGroup => "control",
        SuppressionReason.NoConsent => "no consent",
        SuppressionReason.FrequencyCap => "rule cap",
        SuppressionReason.ChannelCap => "channel cap",
        SuppressionReason.CollisionLost => "collision",
        SuppressionReason.QuietHoursHeld => "quiet held",
        SuppressionReason.QuietHoursDropped => "quiet dropped",
        _ => "outside tenure",
    };

    public static IEnumerable<ReportTable> All(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        yield return Rules(report);
        yield return Arms(report);
        yield return Days(report);
    }

    public static ReportTable Rules(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string[] header = ["rule", "status", "opened", "restarted", "cancelled", "expired", "fired", "pending", "sends", "customers", "rule cap", "channel cap"];
        var rows = report.Rules.Select(r => Cells(
            [r.Rule, r.Status],
            r.Windows.Opened, r.Windows.Restarted, r.Windows.Cancelled, r.Windows.Expired, r.Windows.Fired, r.Windows.Pending,
            r.Sends, r.CustomersReached, r.RuleCapped, r.ChannelCapped)).ToList();
        rows.Add(Cells(["total", ""],
            report.Rules.Sum(r => r.Windows.Opened), report.Rules.Sum(r => r.Windows.Restarted), report.Rules.Sum(r => r.Windows.Cancelled),
            report.Rules.Sum(r => r.Windows.Expired), report.Rules.Sum(r => r.Windows.Fired), report.PendingAtEnd,
            report.Sends, report.CustomersReached, report.RuleCapped, report.ChannelCapped));
        return new ReportTable("Rules", header, rows, 2);
    }

    /// <summary>Sends and suppressions per rule, variant and channel; only reasons that occurred get a column.</summary>
    public static ReportTable Arms(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var reasons = Enum.GetValues<SuppressionReason>()
            .Where(reason => report.Rules.Any(r => r.Suppressed(reason) > 0))
            .ToList();
        var header = new[] { "rule", "variant", "channel", "sends" }.Concat(reasons.Select(Label)).ToList();
        var rows = report.Rules
            .SelectMany(rule => rule.Rows.Select(row => Cells(
                [rule.Rule, row.Variant ?? "-", row.Channel ?? "-"],
                reasons.Select(row.Count).Prepend(row.Sends).ToArray())))
            .ToList();
        return new ReportTable("Sends and suppressions by variant and channel", header, rows, 3);
    }

    public static ReportTable Days(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var header = report.Channels.Prepend("date (UTC)").Append("total").ToList();
        var rows = report.Days.Select(d => Cells(
            [LocalDatePattern.Iso.Format(d.Date)],
            report.Channels.Select(c => d.SendsByChannel.GetValueOrDefault(c)).Append(d.Total).ToArray())).ToList();
        return new ReportTable("Sends per day", header, rows, 1);
    }

    /// <summary>The one-line summary every rendering starts with.</summary>
    public static string Headline(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var input = report.Input;
        return $"{report.Sends} sends to {report.CustomersReached} customers from {input.Events} events and {input.Profiles} profiles in {input.File}"
            + $" (bad lines skipped: {input.BadLines}, late events: {report.LateEvents}, outside the period: {input.OutOfPeriod})";
    }

    private static IReadOnlyList<string> Cells(string[] text, params long[] numbers) =>
        [.. text, .. numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))];
}
