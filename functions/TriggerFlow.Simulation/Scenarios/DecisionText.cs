using NodaTime;
using TriggerFlow.Engine.Decisions;

namespace TriggerFlow.Simulation.Scenarios;

/// <summary>Decisions in the words scenarios use, for timelines and diffs.</summary>
internal static class DecisionText
{
    public static string Describe(Decision decision, DateTimeZone zone) => decision switch
    {
        WindowOpened o => $"window {o.Rule} {(o.Reason == OpenReason.Restarted ? "restarted" : "opened")}, due {ScenarioTimes.Format(o.Deadline, zone)}",
        WindowClosed c => $"window {c.Rule} {Closed(c)}",
        SendDecision s => $"{s.Channel} {s.Rule}{Variant(s.Variant)} sent, template \"{s.Template}\"",
        Suppressed s => $"{s.Channel ?? "message"} {s.Rule}{Variant(s.Variant)} suppressed by {Phrase(s.Reason)}{(s.Detail is null ? "" : $" ({s.Detail})")}",
        LateEventIgnored l => $"late event ignored: {l.Event}, {l.Lateness.TotalMinutes:0} minutes late",
        _ => decision.ToString(),
    };

    /// <summary>How a scenario names the reason: <c>expect suppressed … by channel cap</c>.</summary>
    public static string Phrase(SuppressionReason reason) => reason switch
    {
        SuppressionReason.FrequencyCap => "cap",
        SuppressionReason.ChannelCap => "channel cap",
        SuppressionReason.QuietHoursHeld => "quiet hours (held)",
        SuppressionReason.QuietHoursDropped => "quiet hours (dropped)",
        SuppressionReason.CollisionLost => "collision",
        SuppressionReason.NoConsent => "consent",
        SuppressionReason.ControlGroup => "control",
        SuppressionReason.NotInAudience => "audience",
        SuppressionReason.OutsideActivePeriod => "active period",
        _ => "tenure",
    };

    private static string Closed(WindowClosed closed) => closed.Reason switch
    {
        CloseReason.Satisfied => "fired",
        CloseReason.Cancelled => closed.Cause is null ? "cancelled" : $"cancelled by {closed.Cause}",
        CloseReason.Expired => "expired",
        _ => "closed: rule paused",
    };

    private static string Variant(string? variant) => variant is null ? "" : $" variant \"{variant}\"";
}
