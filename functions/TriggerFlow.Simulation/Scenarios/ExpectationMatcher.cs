using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Language.Scenarios;

namespace TriggerFlow.Simulation.Scenarios;

/// <summary>One decision, with the customer it was for.</summary>
internal sealed record CustomerDecision(string Customer, Decision Decision);

/// <summary>
/// Checks expectations against the decisions made so far. Each <c>expect CHANNEL RULE to C</c>
/// claims one send, so two such lines need two sends, and <c>nothing else</c> means no send
/// beyond those claimed.
/// </summary>
internal sealed class ExpectationMatcher(ScenarioTimes times)
{
    private readonly HashSet<SendDecision> _claimed = new(ReferenceEqualityComparer.Instance);

    /// <summary>Null when <paramref name="expectation"/> holds; otherwise what was decided instead.</summary>
    public (IReadOnlyList<string> Actual, IReadOnlyList<string> Customers)? Check(Expectation expectation, IReadOnlyList<CustomerDecision> decisions, Instant now) =>
        expectation switch
        {
            ExpectSend send => Send(send, decisions, now),
            ExpectNothing nothing => Nothing(nothing, decisions),
            ExpectSuppressed suppressed => Suppression(suppressed, decisions, now),
            ExpectWindow window => Window(window, decisions, now),
            _ => null,
        };

    private (IReadOnlyList<string>, IReadOnlyList<string>)? Send(ExpectSend expected, IReadOnlyList<CustomerDecision> decisions, Instant now)
    {
        var at = expected.At is { } a ? times.ToInstant(a) : (Instant?)null;
        var match = decisions
            .Where(d => d.Customer == expected.Customer.Text)
            .Select(d => d.Decision)
            .OfType<SendDecision>()
            .FirstOrDefault(s => s.Rule == expected.Rule.Text && s.Channel == expected.Channel.Text
                && (at is null || s.At == at) && (expected.Variant is null || s.Variant == expected.Variant.Value) && !_claimed.Contains(s));
        if (match is not null)
        {
            _claimed.Add(match);
            return null;
        }

        return Failure(Outcomes(decisions, expected.Customer.Text, expected.Rule.Text, now), expected.Customer.Text);
    }

    private (IReadOnlyList<string>, IReadOnlyList<string>)? Nothing(ExpectNothing expected, IReadOnlyList<CustomerDecision> decisions)
    {
        var unexpected = decisions
            .Where(d => d.Decision is SendDecision s && (expected.Customer is null || d.Customer == expected.Customer.Text)
                && !(expected.Else && _claimed.Contains(s)))
            .ToList();
        if (unexpected.Count == 0)
        {
            return null;
        }

        var actual = unexpected.Select(d => $"{Time(d.Decision.At)}  {d.Customer}: {DecisionText.Describe(d.Decision, times.Zone)}").ToList();
        return (actual, unexpected.Select(d => d.Customer).Distinct().ToList());
    }

    private (IReadOnlyList<string>, IReadOnlyList<string>)? Suppression(ExpectSuppressed expected, IReadOnlyList<CustomerDecision> decisions, Instant now)
    {
        var at = expected.At is { } a ? times.ToInstant(a) : (Instant?)null;
        var found = decisions.Any(d => d.Customer == expected.Customer.Text && d.Decision is Suppressed s && s.Rule == expected.Rule.Text
            && Means(expected.Cause, s.Reason) && (at is null || s.At == at));
        return found ? null : Failure(Outcomes(decisions, expected.Customer.Text, expected.Rule.Text, now), expected.Customer.Text);
    }

    private (IReadOnlyList<string>, IReadOnlyList<string>)? Window(ExpectWindow expected, IReadOnlyList<CustomerDecision> decisions, Instant now)
    {
        var at = expected.At is { } a ? times.ToInstant(a) : (Instant?)null;
        var found = decisions.Any(d => d.Customer == expected.Customer.Text && d.Decision is WindowClosed c && c.Rule == expected.Rule.Text
            && c.Reason == Reason(expected.Outcome) && (at is null || c.At == at));
        if (found)
        {
            return null;
        }

        var windows = decisions
            .Where(d => d.Customer == expected.Customer.Text && d.Decision.Rule == expected.Rule.Text && d.Decision is WindowOpened or WindowClosed)
            .Select(d => Line(d.Decision))
            .ToList();
        return Failure(windows.Count > 0 ? windows : [$"no window of {expected.Rule.Text} for {expected.Customer.Text} by {Time(now)}"], expected.Customer.Text);
    }

    /// <summary>What became of a rule's messages for a customer: its sends and suppressions, or a line saying there were none.</summary>
    private List<string> Outcomes(IReadOnlyList<CustomerDecision> decisions, string customer, string rule, Instant now)
    {
        var outcomes = decisions
            .Where(d => d.Customer == customer && d.Decision.Rule == rule && d.Decision is SendDecision or Suppressed)
            .Select(d => Line(d.Decision))
            .ToList();
        return outcomes.Count > 0 ? outcomes : [$"nothing from {rule} to {customer} by {Time(now)}"];
    }

    private static (IReadOnlyList<string>, IReadOnlyList<string>) Failure(List<string> actual, string customer) => (actual, [customer]);

    private string Line(Decision decision) => $"{Time(decision.At)}  {DecisionText.Describe(decision, times.Zone)}";

    private string Time(Instant at) => ScenarioTimes.Format(at, times.Zone);

    private static bool Means(SuppressionCause cause, SuppressionReason reason) => cause switch
    {
        SuppressionCause.Cap => reason == SuppressionReason.FrequencyCap,
        SuppressionCause.ChannelCap => reason == SuppressionReason.ChannelCap,
        SuppressionCause.QuietHours => reason is SuppressionReason.QuietHoursHeld or SuppressionReason.QuietHoursDropped,
        SuppressionCause.Collision => reason == SuppressionReason.CollisionLost,
        SuppressionCause.Consent => reason == SuppressionReason.NoConsent,
        SuppressionCause.Control => reason == SuppressionReason.ControlGroup,
        SuppressionCause.Audience => reason == SuppressionReason.NotInAudience,
        SuppressionCause.ActivePeriod => reason == SuppressionReason.OutsideActivePeriod,
        _ => reason == SuppressionReason.OutsideTenure,
    };

    private static CloseReason Reason(WindowOutcome outcome) => outcome switch
    {
        WindowOutcome.Cancelled => CloseReason.Cancelled,
        WindowOutcome.Expired => CloseReason.Expired,
        _ => CloseReason.RulePaused,
    };
}
