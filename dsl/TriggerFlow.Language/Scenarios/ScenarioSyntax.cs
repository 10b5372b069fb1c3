using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Scenarios;

/// <summary>A <c>.scenario</c> file: one or more scenarios, each a story about customers and what they should get.</summary>
public sealed record ScenarioFile(string Path, IReadOnlyList<ScenarioSyntax> Scenarios);

/// <summary>What parsing a scenario file produced: the scenarios that could be read, and every problem.</summary>
public sealed record ScenarioParseResult(ScenarioFile File, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}

/// <summary>One scenario: its settings, then its steps in the order written.</summary>
/// <param name="Span">The <c>scenario "name"</c> line.</param>
/// <param name="Rules">The rules under test; null for every rule of the folder.</param>
/// <param name="Start">When the story starts, in <paramref name="Zone"/>.</param>
/// <param name="Zone">The IANA zone the scenario's times are written in; null for UTC.</param>
public sealed record ScenarioSyntax(
    StringValue Name,
    SourceSpan Span,
    IReadOnlyList<Identifier>? Rules,
    DateTimeSyntax? Start,
    Identifier? Zone,
    IReadOnlyList<StepSyntax> Steps);

/// <summary>A local date and time as written: <c>2026-07-10 09:00</c>.</summary>
public sealed record DateTimeSyntax(DateOnly Date, TimeOnly Time, SourceSpan Span)
{
    public override string ToString() => $"{Date:yyyy-MM-dd} {Time:HH\\:mm}";
}

/// <summary>A date-time property or trait value: <c>first_purchase_at = 2026-07-01 10:00</c>.</summary>
public sealed record DateTimeValue(DateOnly Date, TimeOnly Time, SourceSpan Span) : ValueSyntax(Span);

/// <summary><c>name = value</c>: an event property or a profile trait.</summary>
public sealed record AssignmentSyntax(Identifier Name, ValueSyntax Value, SourceSpan Span);

/// <summary>When a step happens, relative to the line before it.</summary>
public abstract record StepTimeSyntax(SourceSpan Span);

/// <summary><c>+6h</c>: this long after the previous line's time.</summary>
public sealed record RelativeTime(DurationSyntax After, SourceSpan Span) : StepTimeSyntax(Span);

/// <summary><c>at 2026-07-11 15:00</c>.</summary>
public sealed record AbsoluteTime(DateTimeSyntax At, SourceSpan Span) : StepTimeSyntax(Span);

/// <summary>A line of a scenario after its settings.</summary>
public abstract record StepSyntax(SourceSpan Span);

/// <summary>A step that moves the clock or happens to a customer; without a time it happens at the previous line's time.</summary>
public abstract record TimedStep(StepTimeSyntax? Time, SourceSpan Span) : StepSyntax(Span);

/// <summary>A line that only moves the clock (<c>+25h</c>): every window due by then is decided.</summary>
public sealed record ClockStep(StepTimeSyntax At, SourceSpan Span) : TimedStep(At, Span);

/// <summary>A step that happens to one customer.</summary>
public abstract record CustomerStep(StepTimeSyntax? Time, Identifier Customer, SourceSpan Span) : TimedStep(Time, Span);

/// <summary><c>mary browsed category with category = "kids-clothing"</c>.</summary>
public sealed record EventStep(StepTimeSyntax? Time, Identifier Customer, Identifier Event, IReadOnlyList<AssignmentSyntax> Properties, SourceSpan Span)
    : CustomerStep(Time, Customer, Span);

/// <summary><c>mary identify has_children = true, time_zone = "America/New_York"</c>.</summary>
public sealed record IdentifyStep(StepTimeSyntax? Time, Identifier Customer, IReadOnlyList<AssignmentSyntax> Traits, SourceSpan Span)
    : CustomerStep(Time, Customer, Span);

/// <summary><c>mary opts out of email</c> or <c>mary opts in to sms</c>.</summary>
public sealed record ConsentStep(StepTimeSyntax? Time, Identifier Customer, Identifier Channel, bool Granted, SourceSpan Span)
    : CustomerStep(Time, Customer, Span);

/// <summary>An <c>expect</c> line: checked against what was decided up to the time of the line before it.</summary>
public abstract record Expectation(SourceSpan Span) : StepSyntax(Span);

/// <summary><c>expect email bts-browse to mary at 2026-07-11 15:00 variant "ten-off"</c>.</summary>
public sealed record ExpectSend(Identifier Channel, Identifier Rule, Identifier Customer, DateTimeSyntax? At, StringValue? Variant, SourceSpan Span)
    : Expectation(Span);

/// <summary><c>expect nothing to mary</c>, <c>expect nothing else to mary</c>, <c>expect nothing else</c>.</summary>
/// <param name="Customer">Null for every customer.</param>
/// <param name="Else">True: nothing beyond the sends expected on earlier lines.</param>
public sealed record ExpectNothing(Identifier? Customer, bool Else, SourceSpan Span) : Expectation(Span);

/// <summary><c>expect suppressed bts-browse for mary by cap</c>.</summary>
public sealed record ExpectSuppressed(Identifier Rule, Identifier Customer, SuppressionCause Cause, DateTimeSyntax? At, SourceSpan Span)
    : Expectation(Span);

/// <summary><c>expect window bts-browse for mary cancelled</c>.</summary>
public sealed record ExpectWindow(Identifier Rule, Identifier Customer, WindowOutcome Outcome, DateTimeSyntax? At, SourceSpan Span)
    : Expectation(Span);

/// <summary>Why a scenario expects a message not to be sent, as marketers say it.</summary>
public enum SuppressionCause
{
    /// <summary><c>by cap</c>: the rule's own <c>at most</c>.</summary>
    Cap,

    /// <summary><c>by channel cap</c>: governance, across rules.</summary>
    ChannelCap,

    /// <summary><c>by quiet hours</c>: held or dropped.</summary>
    QuietHours,

    /// <summary><c>by collision</c>: another rule sent first or had the higher priority.</summary>
    Collision,

    /// <summary><c>by consent</c>: the customer opted out of the channel.</summary>
    Consent,

    /// <summary><c>by control</c>: the customer is in the rule's control group.</summary>
    Control,

    /// <summary><c>by audience</c>: the customer was not in the audience when the rule fired.</summary>
    Audience,

    /// <summary><c>by active period</c>.</summary>
    ActivePeriod,

    /// <summary><c>by tenure</c>: outside <c>within 90d of first purchase</c>.</summary>
    Tenure,
}

/// <summary>How a scenario expects a window to end without sending.</summary>
public enum WindowOutcome
{
    /// <summary>The awaited event came in time.</summary>
    Cancelled,

    /// <summary>A <c>then</c> step did not come in time.</summary>
    Expired,

    /// <summary>The rule was paused while the window was open.</summary>
    Paused,
}
