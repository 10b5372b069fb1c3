namespace TriggerFlow.Language.Syntax;

/// <summary>One clause of a rule, on its own line in the canonical form.</summary>
public abstract record ClauseSyntax(SourceSpan Span);

/// <summary>A reference to a catalog event by its (possibly multi-word) name, as in <c>added to cart</c>.</summary>
/// <param name="Of">The <c>of "toothpaste"</c> shorthand: a value of the event's subject property.</param>
public sealed record EventReference(Identifier Name, StringValue? Of, ConditionSyntax? Where, SourceSpan Span);

public enum RuleStatusKind
{
    Draft,
    Test,
    AlwaysOn,
    Paused,
}

public sealed record OwnerClause(StringValue Owner, SourceSpan Span) : ClauseSyntax(Span);

/// <summary><c>status test</c>; the word is kept as written so the checker can suggest a fix.</summary>
public sealed record StatusClause(Identifier Status, SourceSpan Span) : ClauseSyntax(Span);

public sealed record PriorityClause(NumberValue Priority, SourceSpan Span) : ClauseSyntax(Span);

/// <summary><c>active from 2026-07-01 until 2026-09-15</c>; either end may be left open. Until is inclusive of its day.</summary>
public sealed record ActiveClause(DateValue? From, DateValue? Until, SourceSpan Span) : ClauseSyntax(Span);

/// <summary>The signal that opens the rule's window.</summary>
public abstract record SignalSyntax(SourceSpan Span);

/// <summary><c>when viewed product where category = "kids"</c>.</summary>
public sealed record EventSignal(EventReference Event, SourceSpan Span) : SignalSyntax(Span);

/// <summary><c>when 30d since last purchase of "toothpaste"</c>: fires that long after the most recent matching event.</summary>
public sealed record RecencySignal(DurationSyntax After, EventReference Event, SourceSpan Span) : SignalSyntax(Span);

public sealed record WhenClause(SignalSyntax Signal, SourceSpan Span) : ClauseSyntax(Span);

/// <summary><c>then added to cart within 1h</c>: the next step of a presence sequence.</summary>
public sealed record ThenClause(EventReference Event, DurationSyntax Within, SourceSpan Span) : ClauseSyntax(Span);

/// <summary>Where an absence window is measured from.</summary>
public enum WindowAnchor
{
    /// <summary>The most recent signal: a repeat signal restarts the window (the default).</summary>
    LatestSignal,

    /// <summary>The first signal: repeats do not extend the window.</summary>
    FirstSignal,
}

/// <summary><c>without purchase within 24h [from first signal]</c>: an absence window.</summary>
public sealed record WithoutClause(EventReference Event, DurationSyntax Within, WindowAnchor Anchor, SourceSpan Span) : ClauseSyntax(Span);

/// <summary><c>wait 2h</c>: a fixed delay between the signal and the send.</summary>
public sealed record WaitClause(DurationSyntax Delay, SourceSpan Span) : ClauseSyntax(Span);

/// <summary><c>within 90d of first purchase</c>: the customer's tenure limits when the rule applies.</summary>
public sealed record TenureClause(DurationSyntax Within, EventReference Event, SourceSpan Span) : ClauseSyntax(Span);

/// <summary><c>and segment back-to-school</c>: who the rule is for, evaluated when it fires.</summary>
public sealed record AudienceClause(ConditionSyntax Condition, SourceSpan Span) : ClauseSyntax(Span);

/// <summary>A named value handed to the template; the offer is the parameter named <c>offer</c>.</summary>
public sealed record ParameterSyntax(Identifier Name, ValueSyntax Value, SourceSpan Span)
{
    public const string OfferName = "offer";

    public bool IsOffer => Name.Text == OfferName;
}

/// <summary><c>send email template "bts-browse" with 10% offer and tips = "online"</c>.</summary>
public sealed record SendClause(Identifier Channel, StringValue? Template, EquatableList<ParameterSyntax> Parameters, SourceSpan Span)
    : ClauseSyntax(Span);

/// <summary>What a cap counts over.</summary>
public abstract record CapScope(SourceSpan Span);

/// <summary><c>per 7d</c>: a sliding window.</summary>
public sealed record DurationCapScope(DurationSyntax Window, SourceSpan Span) : CapScope(Span);

/// <summary><c>per cart</c>: once per distinct value of a property of the signal.</summary>
public sealed record PropertyCapScope(Identifier Property, SourceSpan Span) : CapScope(Span);

/// <summary><c>ever</c>: over the customer's whole history with the rule.</summary>
public sealed record EverCapScope(SourceSpan Span) : CapScope(Span);

/// <summary><c>at most 1 per 7d</c>: a per-customer cap on this rule's sends.</summary>
public sealed record CapClause(NumberValue Count, CapScope Scope, SourceSpan Span) : ClauseSyntax(Span);

public enum QuietHoursPolicy
{
    /// <summary>Hold the message until quiet hours end (the default).</summary>
    Hold,

    /// <summary>Drop it: the moment has passed by morning.</summary>
    Drop,
}

/// <summary>A span of the day in the customer's own time zone; it may wrap past midnight.</summary>
public sealed record TimeRangeSyntax(TimeValue Start, TimeValue End, SourceSpan Span);

/// <summary><c>quiet hours [22:00 to 07:00] hold|drop</c>.</summary>
public sealed record QuietHoursClause(TimeRangeSyntax? Hours, QuietHoursPolicy Policy, SourceSpan Span) : ClauseSyntax(Span);

/// <summary><c>control 10%</c>: the holdout that gets nothing and measures lift.</summary>
public sealed record ControlClause(PercentValue Share, SourceSpan Span) : ClauseSyntax(Span);

/// <summary>
/// <c>variant "fifteen-off" 50% channel sms template "x" wait 2h with 15% offer</c>: one arm of the test;
/// every override is optional and falls back to the rule's send.
/// </summary>
public sealed record VariantClause(
    StringValue Name,
    PercentValue Weight,
    Identifier? Channel,
    StringValue? Template,
    DurationSyntax? Wait,
    EquatableList<ParameterSyntax> Parameters,
    SourceSpan Span) : ClauseSyntax(Span);

/// <summary><c>goal purchase within 7d</c>: the conversion the test is judged on.</summary>
public sealed record GoalClause(EventReference Event, DurationSyntax Within, SourceSpan Span) : ClauseSyntax(Span);

/// <summary><c>minimum sample 1000</c>: customers per arm before a winner may be called.</summary>
public sealed record MinimumSampleClause(NumberValue Count, SourceSpan Span) : ClauseSyntax(Span);
