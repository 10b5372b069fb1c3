using NodaTime.Text;
using TriggerFlow.Engine.Decisions;

namespace TriggerFlow.Runtime.Orchestration;

/// <summary>
/// The recent-decisions ring shown by the live explain: one short line per decision, no property
/// values (they may hold personal data); the idempotency key links a send to its outbox line.
/// </summary>
internal static class DecisionLog
{
    public const int Capacity = 50;

    public static void Append(List<string> log, IEnumerable<Decision> decisions)
    {
        log.AddRange(decisions.Select(Describe));
        if (log.Count > Capacity)
        {
            log.RemoveRange(0, log.Count - Capacity);
        }
    }

    private static string Describe(Decision decision) => $"{InstantPattern.General.Format(decision.At)} " + decision switch
    {
        SendDecision s => $"send {s.Rule} by {s.Channel}{Variant(s.Variant)} key {s.IdempotencyKey}",
        Suppressed s => $"suppressed {s.Rule}{(s.Channel is null ? "" : " by " + s.Channel)}: {s.Reason}{(s.Detail is null ? "" : $" ({s.Detail})")}",
        WindowOpened o => $"window {o.Rule} {o.Reason.ToString().ToLowerInvariant()}, due {InstantPattern.General.Format(o.Deadline)}",
        WindowClosed c => $"window {c.Rule} closed: {c.Reason}",
        LateEventIgnored l => $"late event {l.Event} ignored ({l.Lateness.TotalSeconds:0}s late)",
        _ => decision.GetType().Name,
    };

    private static string Variant(string? variant) => variant is null ? "" : $" variant {variant}";
}
