using NodaTime;
using TriggerFlow.Engine;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Simulation.Input;

namespace TriggerFlow.Simulation.Backtest;

/// <summary>
/// Feeds an events file's records to a simulator: identity merges through <see cref="Simulator.Merge"/>,
/// later inputs under an anonymous id that was merged go to the known customer, and at the end the
/// virtual clock runs on until every window has decided.
/// </summary>
public sealed class Replay(Simulator simulator, ReplayPeriod period)
{
    /// <summary>
    /// Added to the longest window when no <c>--to</c> is given: a send that falls in quiet hours is
    /// held until they end, up to a day later.
    /// </summary>
    private static readonly Duration QuietHoursHold = Duration.FromDays(1);

    private readonly Dictionary<string, string> _merged = new(StringComparer.Ordinal);

    public long Applied { get; private set; }

    /// <summary>Inputs left out by <c>--from</c>/<c>--to</c>.</summary>
    public long OutOfPeriod { get; private set; }

    public Instant? LastArrival { get; private set; }

    /// <summary>The customer an id stands for now: a merged anonymous id stands for the customer it was merged into.</summary>
    public string CustomerOf(string id) => _merged.TryGetValue(id, out var known) ? known : id;

    public void Apply(SourceRecord record)
    {
        if (!Admits(record, period))
        {
            OutOfPeriod += record is IdentityRecord or CustomerRecord ? 1 : 0;
            return;
        }

        switch (record)
        {
            case IdentityRecord identity:
                Merge(identity.AnonymousId, identity.CustomerId, identity.At);
                break;
            case CustomerRecord customer:
                Input(customer.CustomerId, customer.Input);
                break;
        }
    }

    /// <summary>Whether the period replays this record: merges until <c>--to</c>, inputs as <see cref="ReplayPeriod.Admits"/> says.</summary>
    public static bool Admits(SourceRecord record, ReplayPeriod period)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(period);
        return record switch
        {
            IdentityRecord identity => period.To is not { } to || identity.At < to,
            CustomerRecord customer => period.Admits(customer.Input),
            _ => false,
        };
    }

    /// <summary>Applies an admitted input, to the customer its id stands for now.</summary>
    public void Input(string customerId, EngineInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        simulator.Apply(CustomerOf(customerId), input);
        Track(input.ArrivalTime);
    }

    /// <summary>Applies an admitted identity merge.</summary>
    public void Merge(string anonymousId, string customerId, Instant at)
    {
        var known = CustomerOf(customerId);
        _merged[anonymousId] = known;
        simulator.Merge(anonymousId, known, at);
        Track(at);
    }

    /// <summary>Runs the clock to the end of the period, or until every window has decided; returns that moment.</summary>
    public Instant Finish(DecisionEngine engine)
    {
        var end = EndOf(period, LastArrival, engine);
        simulator.AdvanceTo(end);
        return end;
    }

    /// <summary>The end of a replay: just before <c>--to</c>, else long enough after the last arrival for every window to decide.</summary>
    public static Instant EndOf(ReplayPeriod period, Instant? lastArrival, DecisionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(engine);
        return period.To is { } to
            ? to - Duration.Epsilon
            : (lastArrival ?? Instant.FromUnixTimeTicks(0)) + LongestWindow(engine.Book) + engine.Options.AllowedLateness + QuietHoursHold;
    }

    /// <summary>The longest a window of any rule can stay open: its steps, its absence or recency span, its longest wait.</summary>
    public static Duration LongestWindow(RuleBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var longest = book.Plans.Rules.Select(plan =>
            plan.Sequence.Sum(s => s.WithinSeconds)
            + plan.Absences.Select(a => a.WithinSeconds).Append(plan.Signal.AfterSeconds ?? 0).Max()
            + plan.Variants.Select(v => v.WaitSeconds ?? 0).Append(plan.WaitSeconds ?? 0).Max());
        return Duration.FromSeconds(longest.DefaultIfEmpty(0).Max());
    }

    private void Track(Instant arrival)
    {
        Applied++;
        LastArrival = LastArrival is { } last ? Instant.Max(last, arrival) : arrival;
    }
}
