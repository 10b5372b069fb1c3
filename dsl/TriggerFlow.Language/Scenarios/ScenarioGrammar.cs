using System.Text.RegularExpressions;
using Sprache;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;
using static TriggerFlow.Language.Parsing.Lexical;

namespace TriggerFlow.Language.Scenarios;

/// <summary>
/// The grammar of one line of a <c>.scenario</c> file, on the lexical layer of the rule language.
/// Each parser runs over a <see cref="LineInput"/>, so "end of input" is the end of the line.
/// </summary>
internal static partial class ScenarioGrammar
{
    /// <summary>Words that start a scenario line, so they cannot name a customer.</summary>
    public static readonly FrozenWords LineStarters = new("scenario", "rules", "rule", "start", "zone", "expect", "at");

    private static readonly Parser<string> EndOfLine = input =>
    {
        var rest = SkipWhitespace(input);
        return rest.AtEnd ? Result.Success("", rest) : Fail<string>(rest, "the end of the line");
    };

    internal static readonly Parser<DateTimeSyntax> DateTime =
        (from date in Date
         from time in Time
         select new DateTimeSyntax(date.Value, time.Value, Merge(date.Span, time.Span)))
        .Named("a date and time such as 2026-07-10 09:00");

    private static readonly Parser<ValueSyntax> Value =
        DateTime.Select(d => (ValueSyntax)new DateTimeValue(d.Date, d.Time, d.Span)).Or(Grammar.Value);

    private static readonly Parser<Identifier> Customer =
        Lexical.String.Select(s => new Identifier(s.Value, s.Span))
            .Or(input =>
            {
                var word = Name(input);
                return word.WasSuccessful && LineStarters.Contains(word.Value.Text.ToLowerInvariant())
                    ? Fail<Identifier>(SkipWhitespace(input), "a customer")
                    : word;
            })
            .Named("a customer such as `mary`");

    private static readonly Parser<Identifier> RuleName =
        Lexical.String.Select(s => new Identifier(s.Value, s.Span)).Or(AnyWord).Named("a rule's name");

    private static readonly Parser<Identifier> Channel = Name.Named("a channel: email, sms or push");

    private static readonly Parser<AssignmentSyntax> Assignment = Located(
        from name in Name.Named("a name")
        from eq in Symbol('=')
        from value in Value
        select (Func<SourceSpan, AssignmentSyntax>)(span => new AssignmentSyntax(name, value, span)));

    private static readonly Parser<IReadOnlyList<AssignmentSyntax>> Assignments =
        Assignment.DelimitedBy(Symbol(',')).Select(a => (IReadOnlyList<AssignmentSyntax>)a.ToList());

    /// <summary>An event's word: a word that is not a property name (one followed by <c>=</c>).</summary>
    private static readonly Parser<Identifier> EventWord =
        from word in Name
        from notAssignment in Symbol('=').Not()
        select word;

    private static readonly Parser<Identifier> EventName =
        from words in EventWord.AtLeastOnce().Named("an event name such as `added to cart`")
        let list = words.ToList()
        select new Identifier(string.Join(' ', list.Select(w => w.Text)), Merge(list[0].Span, list[^1].Span));

    private static readonly Parser<StepTimeSyntax> StepTime =
        Located(
                from plus in Symbol('+')
                from after in Duration
                select (Func<SourceSpan, StepTimeSyntax>)(span => new RelativeTime(after, span)))
            .Or(Located(
                from at in Keyword("at")
                from when in DateTime
                select (Func<SourceSpan, StepTimeSyntax>)(span => new AbsoluteTime(when, span))))
            .Named("a time such as `+25h` or `at 2026-07-11 09:00`");

    private static readonly Parser<DateTimeSyntax?> OptionalAt =
        Keyword("at").Then(_ => DateTime).XOptional().Select(a => a.GetOrDefault());

    /// <summary><c>scenario "name"</c>.</summary>
    internal static readonly Parser<StringValue> Header =
        from kw in Keyword("scenario")
        from name in Lexical.String.Named("the scenario's name in quotes")
        from end in EndOfLine
        select name;

    internal static readonly Parser<IReadOnlyList<Identifier>> RulesSetting =
        from kw in Keyword("rules").Or(Keyword("rule"))
        from names in RuleName.DelimitedBy(Symbol(','))
        from end in EndOfLine
        select (IReadOnlyList<Identifier>)names.ToList();

    internal static readonly Parser<DateTimeSyntax> StartSetting =
        from kw in Keyword("start")
        from start in DateTime
        from end in EndOfLine
        select start;

    private static readonly Parser<Identifier> Zone = input =>
    {
        var start = SkipWhitespace(input);
        var zone = Pattern(ZonePattern(), "a time zone such as Europe/Paris")(start);
        return zone.WasSuccessful
            ? Result.Success(new Identifier(zone.Value.Value, SpanBetween(start, zone.Remainder)), zone.Remainder)
            : Result.Failure<Identifier>(zone.Remainder, zone.Message, zone.Expectations);
    };

    internal static readonly Parser<Identifier> ZoneSetting =
        from kw in Keyword("zone")
        from zone in Zone
        from end in EndOfLine
        select zone;

    private static readonly Parser<SuppressionCause> Cause =
        Keywords("channel", "cap").Return(SuppressionCause.ChannelCap)
            .Or(Keyword("cap").Return(SuppressionCause.Cap))
            .Or(Keywords("quiet", "hours").Return(SuppressionCause.QuietHours))
            .Or(Keyword("collision").Return(SuppressionCause.Collision))
            .Or(Keyword("consent").Return(SuppressionCause.Consent))
            .Or(Keyword("control").Return(SuppressionCause.Control))
            .Or(Keyword("audience").Return(SuppressionCause.Audience))
            .Or(Keywords("active", "period").Return(SuppressionCause.ActivePeriod))
            .Or(Keyword("tenure").Return(SuppressionCause.Tenure))
            .Named("a reason: cap, channel cap, quiet hours, collision, consent, control, audience, active period or tenure");

    private static readonly Parser<WindowOutcome> Outcome =
        Keyword("cancelled").Return(WindowOutcome.Cancelled)
            .Or(Keyword("expired").Return(WindowOutcome.Expired))
            .Or(Keyword("paused").Return(WindowOutcome.Paused))
            .Named("cancelled, expired or paused");

    private static readonly Parser<StepSyntax> ExpectNothingLine = Located(
        from kw in Keywords("expect", "nothing")
        from others in Keyword("else").Optional()
        from customer in Keyword("to").Then(_ => Customer).XOptional()
        select (Func<SourceSpan, StepSyntax>)(span => new ExpectNothing(customer.GetOrDefault(), others.IsDefined, span)));

    private static readonly Parser<StepSyntax> ExpectSuppressedLine = Located(
        from kw in Keywords("expect", "suppressed")
        from rule in RuleName
        from customer in Keyword("for").Then(_ => Customer)
        from cause in Keyword("by").Then(_ => Cause)
        from at in OptionalAt
        select (Func<SourceSpan, StepSyntax>)(span => new ExpectSuppressed(rule, customer, cause, at, span)));

    private static readonly Parser<StepSyntax> ExpectWindowLine = Located(
        from kw in Keywords("expect", "window")
        from rule in RuleName
        from customer in Keyword("for").Then(_ => Customer)
        from outcome in Outcome
        from at in OptionalAt
        select (Func<SourceSpan, StepSyntax>)(span => new ExpectWindow(rule, customer, outcome, at, span)));

    private static readonly Parser<StepSyntax> ExpectSendLine = Located(
        from kw in Keyword("expect")
        from channel in Channel
        from rule in RuleName
        from customer in Keyword("to").Then(_ => Customer)
        from at in OptionalAt
        from variant in Keyword("variant").Then(_ => Lexical.String).XOptional()
        select (Func<SourceSpan, StepSyntax>)(span => new ExpectSend(channel, rule, customer, at, variant.GetOrDefault(), span)));

    private static readonly Parser<Func<StepTimeSyntax?, Identifier, SourceSpan, StepSyntax>> CustomerAction =
        (from kw in Keyword("identify")
         from traits in Assignments
         select (Func<StepTimeSyntax?, Identifier, SourceSpan, StepSyntax>)((t, c, s) => new IdentifyStep(t, c, traits, s)))
        .Or(from kw in Keywords("opts", "out", "of")
            from channel in Channel
            select (Func<StepTimeSyntax?, Identifier, SourceSpan, StepSyntax>)((t, c, s) => new ConsentStep(t, c, channel, false, s)))
        .Or(from kw in Keywords("opts", "in", "to")
            from channel in Channel
            select (Func<StepTimeSyntax?, Identifier, SourceSpan, StepSyntax>)((t, c, s) => new ConsentStep(t, c, channel, true, s)))
        .Or(from name in EventName
            from with in Keyword("with").Optional()
            from properties in with.IsDefined ? Assignments : Assignments.XOptional().Select(p => p.GetOrElse([]))
            select (Func<StepTimeSyntax?, Identifier, SourceSpan, StepSyntax>)((t, c, s) => new EventStep(t, c, name, properties, s)));

    private static readonly Parser<StepSyntax> CustomerLine = Located(
        from time in StepTime.XOptional()
        from customer in Customer
        from action in CustomerAction
        select (Func<SourceSpan, StepSyntax>)(span => action(time.GetOrDefault(), customer, span)));

    private static readonly Parser<StepSyntax> ClockLine = Located(
        from time in StepTime
        from end in EndOfLine
        select (Func<SourceSpan, StepSyntax>)(span => new ClockStep(time, span)));

    /// <summary>A step or an expectation, and nothing after it on the line.</summary>
    internal static readonly Parser<StepSyntax> Step =
        from step in ExpectNothingLine.Or(ExpectSuppressedLine).Or(ExpectWindowLine).Or(ExpectSendLine).Or(ClockLine).Or(CustomerLine)
        from end in EndOfLine
        select step;

    [GeneratedRegex(@"\G[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex ZonePattern();
}
