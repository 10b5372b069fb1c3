using NodaTime;
using TriggerFlow.Engine.Decisions;

namespace TriggerFlow.Simulation.Backtest;

/// <summary>What a backtest found: per rule, per variant and channel, per day. Rendered as text, JSON or Markdown.</summary>
/// <param name="End">The moment the virtual clock was run to.</param>
/// <param name="PendingAtEnd">Windows and held messages still undecided at <paramref name="End"/> (only with <c>--to</c>).</param>
public sealed record BacktestReport(
    InputSummary Input,
    ReplayPeriod Period,
    Instant End,
    IReadOnlyList<RuleReport> Rules,
    IReadOnlyList<DayReport> Days,
    IReadOnlyList<string> Channels,
    long CustomersReached,
    long LateEvents,
    long PendingAtEnd)
{
    public long Sends => Rules.Sum(r => r.Sends);

    public long RuleCapped => Rules.Sum(r => r.RuleCapped);

    public long ChannelCapped => Rules.Sum(r => r.ChannelCapped);
}

/// <summary>What was read. <paramref name="OutOfPeriod"/> counts inputs left out by <c>--from</c>/<c>--to</c>.</summary>
public sealed record InputSummary(
    string File,
    string Format,
    long Lines,
    long Events,
    long Profiles,
    long Merges,
    long BadLines,
    long OutOfPeriod,
    long OutOfOrder,
    IReadOnlyDictionary<string, long> UnknownEvents);

/// <summary>One rule's windows and messages.</summary>
/// <param name="Rows">Sends and suppressions per variant and channel, ordered by variant then channel.</param>
public sealed record RuleReport(
    string Rule,
    string Status,
    WindowCounts Windows,
    long CustomersReached,
    IReadOnlyList<SendRow> Rows,
    IReadOnlyDictionary<LocalDate, long> SendsPerDay)
{
    public long Sends => Rows.Sum(r => r.Sends);

    /// <summary>Messages the rule's own caps removed.</summary>
    public long RuleCapped => Rows.Sum(r => r.Count(SuppressionReason.FrequencyCap));

    /// <summary>Messages the channel caps (governance) removed.</summary>
    public long ChannelCapped => Rows.Sum(r => r.Count(SuppressionReason.ChannelCap));

    public long Suppressed(SuppressionReason reason) => Rows.Sum(r => r.Count(reason));
}

/// <param name="Fired">Windows that reached their deadline with nothing cancelling them (a send or a suppression follows).</param>
/// <param name="Paused">Windows closed because the rule was paused or withdrawn.</param>
/// <param name="Pending">Windows still open at the end of the replay.</param>
public sealed record WindowCounts(long Opened, long Restarted, long Cancelled, long Expired, long Paused, long Fired, long Pending);

/// <summary>One rule's messages in one arm and channel.</summary>
/// <param name="Variant">The test arm; <see cref="ControlArm"/> for control-group exposures; null for a rule without variants.</param>
/// <param name="Channel">Null for suppressions decided before a channel was chosen (audience, active period, tenure, control).</param>
public sealed record SendRow(string? Variant, string? Channel, long Sends, IReadOnlyDictionary<SuppressionReason, long> Suppressions)
{
    /// <summary>The variant label of control-group exposures.</summary>
    public const string ControlArm = "(control)";

    public long Count(SuppressionReason reason) => Suppressions.GetValueOrDefault(reason);
}

/// <summary>Sends on one UTC day, per channel.</summary>
public sealed record DayReport(LocalDate Date, IReadOnlyDictionary<string, long> SendsByChannel)
{
    public long Total => SendsByChannel.Values.Sum();
}
