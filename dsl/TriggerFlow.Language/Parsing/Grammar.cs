using Sprache;
using TriggerFlow.Language.Syntax;
using static TriggerFlow.Language.Parsing.Lexical;

namespace TriggerFlow.Language.Parsing;

/// <summary>
/// The grammar of <c>.trigger</c> files, one field per grammar rule. Conditions come in two
/// flavours: <see cref="Filter"/> (after <c>where</c>: bare event properties only) and
/// <see cref="Audience"/> (after <c>and</c>: segments, <c>profile.</c> and <c>event.</c>
/// properties). Keeping segments and scoped paths out of filters is what lets
/// <c>when viewed product where category = "kids" and segment parents</c> end the filter
/// before the audience, with Sprache backtracking out of the failed <c>and</c>.
/// </summary>
internal static class Grammar
{
    private static readonly Parser<ListValue> List = Located(
        from open in Symbol('[')
        from items in Parse.Ref(() => Value).DelimitedBy(Symbol(','))
        from close in Symbol(']').Named("`,` or `]`")
        select (Func<SourceSpan, ListValue>)(span => new ListValue(EquatableList.From(items), span)));

    internal static readonly Parser<ValueSyntax> Value =
        Date.Select(v => (ValueSyntax)v)
            .Or(Time)
            .Or(Percent)
            .Or(Number)
            .Or(Lexical.String)
            .Or(Lexical.Boolean)
            .Or(List)
            .Named("a value (a string, number, percentage, date, true/false or [list])");

    private static readonly Parser<ComparisonOperator> Operator =
        Symbols("!=", ComparisonOperator.NotEqual)
            .Or(Symbols("<=", ComparisonOperator.LessOrEqual))
            .Or(Symbols(">=", ComparisonOperator.GreaterOrEqual))
            .Or(Symbols("=", ComparisonOperator.Equal))
            .Or(Symbols("<", ComparisonOperator.Less))
            .Or(Symbols(">", ComparisonOperator.Greater))
            .Or(Keyword("contains").Return(ComparisonOperator.Contains))
            .Named("a comparison (=, !=, <, <=, >, >=, contains, in, is set)");

    private static readonly Parser<PropertyPath> EventPath = Located(
        from names in Name.DelimitedBy(Symbol('.'))
        select (Func<SourceSpan, PropertyPath>)(span => new PropertyPath(PropertyScope.Event, EquatableList.From(names), span)));

    private static readonly Parser<PropertyPath> ScopedPath = Located(
        from scope in Keyword("profile").Return(PropertyScope.Profile).Or(Keyword("event").Return(PropertyScope.Signal))
        from dot in Symbol('.')
        from names in Name.DelimitedBy(Symbol('.'))
        select (Func<SourceSpan, PropertyPath>)(span => new PropertyPath(scope, EquatableList.From(names), span)));

    /// <summary>A condition on the properties of one event, after <c>where</c>.</summary>
    internal static readonly Parser<ConditionSyntax> Filter = DepthBounded(Condition(EventPath, allowSegments: false));

    /// <summary>Who a rule is for, or what a segment means.</summary>
    internal static readonly Parser<ConditionSyntax> Audience = DepthBounded(Condition(ScopedPath.Or(EventPath), allowSegments: true));

    /// <summary>
    /// One or more words on one line: an event name never runs on to the next line, so a
    /// misspelt keyword there is reported as itself rather than swallowed into the name.
    /// </summary>
    private static readonly Parser<Identifier> EventName = ((Parser<Identifier>)(input =>
    {
        var first = Name(input);
        if (!first.WasSuccessful)
        {
            return first;
        }

        var words = new List<Identifier> { first.Value };
        var rest = first.Remainder;
        while (Name(rest) is { WasSuccessful: true } next && next.Value.Span.Line == words[^1].Span.Line)
        {
            words.Add(next.Value);
            rest = next.Remainder;
        }

        return Result.Success(new Identifier(string.Join(' ', words.Select(w => w.Text)), Merge(words[0].Span, words[^1].Span)), rest);
    })).Named("an event name");

    private static readonly Parser<EventReference> Event = Located(
        from name in EventName
        from ofValue in Keyword("of").Then(_ => Lexical.String).XOptional()
        from filter in Keyword("where").Then(_ => Filter).XOptional()
        select (Func<SourceSpan, EventReference>)(span => new EventReference(name, ofValue.GetOrDefault(), filter.GetOrDefault(), span)));

    private static readonly Parser<ParameterSyntax> Parameter = Located(
        (from value in Value
         from offer in Keyword("offer")
         select (Func<SourceSpan, ParameterSyntax>)(span => new ParameterSyntax(new Identifier(ParameterSyntax.OfferName, value.Span), value, span)))
        .Or(from name in AnyWord
            from eq in Symbol('=')
            from value in Value
            select (Func<SourceSpan, ParameterSyntax>)(span => new ParameterSyntax(name, value, span)))
        .Named("a parameter such as `10% offer` or `coupon = \"BTS10\"`"));

    private static readonly Parser<EquatableList<ParameterSyntax>> Parameters =
        (from withKeyword in Keyword("with")
         from first in Parameter
         from rest in Keyword("and").Then(_ => Parameter).Many()
         select EquatableList.From(rest.Prepend(first)))
        .XOptional()
        .Select(p => p.GetOrElse(EquatableList<ParameterSyntax>.Empty));

    private static readonly Parser<CapScope> CapScope =
        Located(Keyword("per").Then(_ => Duration).Select(d => (Func<SourceSpan, CapScope>)(span => new DurationCapScope(d, span))))
            .Or(Located(Keyword("per").Then(_ => Name).Select(p => (Func<SourceSpan, CapScope>)(span => new PropertyCapScope(p, span)))))
            .Or(Located(Keyword("ever").Select(_ => (Func<SourceSpan, CapScope>)(span => new EverCapScope(span)))))
            .Named("`per 7d`, `per cart` or `ever`");

    internal static readonly Parser<CapClause> Cap = Located(
        from kw in Keywords("at", "most")
        from count in Integer
        from scope in CapScope
        select (Func<SourceSpan, CapClause>)(span => new CapClause(count, scope, span)));

    private static readonly Parser<TimeRangeSyntax> TimeRange = Located(
        from start in Time
        from to in Keyword("to")
        from end in Time
        select (Func<SourceSpan, TimeRangeSyntax>)(span => new TimeRangeSyntax(start, end, span)));

    private static readonly Parser<ClauseSyntax> Owner = Clause(
        from kw in Keyword("owner")
        from owner in Lexical.String
        select Make(span => new OwnerClause(owner, span)));

    private static readonly Parser<ClauseSyntax> Status = Clause(
        from kw in Keyword("status")
        from status in AnyWord.Named("a status: draft, test, always-on or paused")
        select Make(span => new StatusClause(status, span)));

    private static readonly Parser<ClauseSyntax> Priority = Clause(
        from kw in Keyword("priority")
        from priority in Integer
        select Make(span => new PriorityClause(priority, span)));

    private static readonly Parser<ClauseSyntax> Active = Clause(
        (from kw in Keyword("active")
         from start in Keyword("from").Then(_ => Date).XOptional()
         from end in Keyword("until").Then(_ => Date).XOptional()
         where start.IsDefined || end.IsDefined
         select Make(span => new ActiveClause(start.GetOrDefault(), end.GetOrDefault(), span)))
        .Named("`active from 2026-07-01 until 2026-09-15`"));

    private static readonly Parser<SignalSyntax> Signal =
        Located(
            from after in Duration
            from since in Keywords("since", "last")
            from evt in Event
            select (Func<SourceSpan, SignalSyntax>)(span => new RecencySignal(after, evt, span)))
        .Or(Located(Event.Select(evt => (Func<SourceSpan, SignalSyntax>)(span => new EventSignal(evt, span)))));

    private static readonly Parser<ClauseSyntax> When = Clause(
        from kw in Keyword("when")
        from signal in Signal
        select Make(span => new WhenClause(signal, span)));

    private static readonly Parser<ClauseSyntax> Then = Clause(
        from kw in Keyword("then")
        from evt in Event
        from within in Keyword("within").Then(_ => Duration)
        select Make(span => new ThenClause(evt, within, span)));

    private static readonly Parser<WindowAnchor> Anchor =
        Keywords("from", "first", "signal").Return(WindowAnchor.FirstSignal)
            .Or(Keywords("from", "latest", "signal").Return(WindowAnchor.LatestSignal))
            .XOptional()
            .Select(a => a.GetOrElse(WindowAnchor.LatestSignal));

    private static readonly Parser<ClauseSyntax> Without = Clause(
        from kw in Keyword("without")
        from evt in Event
        from within in Keyword("within").Then(_ => Duration)
        from anchor in Anchor
        select Make(span => new WithoutClause(evt, within, anchor, span)));

    private static readonly Parser<ClauseSyntax> Wait = Clause(
        from kw in Keyword("wait")
        from delay in Duration
        select Make(span => new WaitClause(delay, span)));

    private static readonly Parser<ClauseSyntax> Tenure = Clause(
        from kw in Keyword("within")
        from within in Duration
        from ofFirst in Keywords("of", "first")
        from evt in Event
        select Make(span => new TenureClause(within, evt, span)));

    private static readonly Parser<ClauseSyntax> AudienceClause = Clause(
        from kw in Keyword("and")
        from condition in Audience
        select Make(span => new Syntax.AudienceClause(condition, span)));

    private static readonly Parser<ClauseSyntax> Send = Clause(
        from kw in Keyword("send")
        from channel in Name.Named("a channel: email, sms or push")
        from template in Keyword("template").Then(_ => Lexical.String).XOptional()
        from parameters in Parameters
        select Make(span => new SendClause(channel, template.GetOrDefault(), parameters, span)));

    private static readonly Parser<ClauseSyntax> CapLimit = Cap.Select(c => (ClauseSyntax)c);

    private static readonly Parser<ClauseSyntax> QuietHours = Clause(
        (from kw in Keywords("quiet", "hours")
         from hours in TimeRange.XOptional()
         from policy in Keyword("hold").Return(QuietHoursPolicy.Hold).Or(Keyword("drop").Return(QuietHoursPolicy.Drop)).Optional()
         where hours.IsDefined || policy.IsDefined
         select Make(span => new QuietHoursClause(hours.GetOrDefault(), policy.GetOrElse(QuietHoursPolicy.Hold), span)))
        .Named("`quiet hours hold`, `quiet hours drop` or `quiet hours 22:00 to 07:00 hold`"));

    private static readonly Parser<ClauseSyntax> Control = Clause(
        from kw in Keyword("control")
        from share in Percent
        select Make(span => new ControlClause(share, span)));

    private static readonly Parser<ClauseSyntax> Variant = Clause(
        from kw in Keyword("variant")
        from name in Lexical.String
        from weight in Percent
        from channel in Keyword("via").Then(_ => Name).XOptional()
        from template in Keyword("template").Then(_ => Lexical.String).XOptional()
        from wait in Keyword("wait").Then(_ => Duration).XOptional()
        from parameters in Parameters
        select Make(span => new VariantClause(name, weight, channel.GetOrDefault(), template.GetOrDefault(), wait.GetOrDefault(), parameters, span)));

    private static readonly Parser<ClauseSyntax> Goal = Clause(
        from kw in Keyword("goal")
        from evt in Event
        from within in Keyword("within").Then(_ => Duration)
        select Make(span => new GoalClause(evt, within, span)));

    private static readonly Parser<ClauseSyntax> MinimumSample = Clause(
        from kw in Keywords("minimum", "sample")
        from count in Integer
        select Make(span => new MinimumSampleClause(count, span)));

    /// <summary>Any clause of a rule.</summary>
    /// <remarks>
    /// Each clause starts with its own keyword, so the first word picks the one alternative to try;
    /// all of them run, in order, only when that one fails, so error messages are unchanged. Trying
    /// seventeen alternatives in turn, each failing and merging its expectations, was most of the parse time.
    /// </remarks>
    internal static readonly Parser<ClauseSyntax> RuleClause = ByFirstWord(
        Owner.Or(Status).Or(Priority).Or(Active).Or(When).Or(Then).Or(Without).Or(Tenure).Or(Wait)
            .Or(AudienceClause).Or(Send).Or(CapLimit).Or(QuietHours).Or(Control).Or(Variant).Or(Goal).Or(MinimumSample),
        ("owner", Owner), ("status", Status), ("priority", Priority), ("active", Active), ("when", When), ("then", Then),
        ("without", Without), ("within", Tenure), ("wait", Wait), ("and", AudienceClause), ("send", Send), ("at", CapLimit),
        ("quiet", QuietHours), ("control", Control), ("variant", Variant), ("goal", Goal), ("minimum", MinimumSample));

    /// <summary><c>rule "name"</c>: starts a rule; its clauses follow.</summary>
    internal static readonly Parser<StringValue> RuleHeader =
        from kw in Keyword("rule")
        from name in Lexical.String.Or(AnyWord.Select(w => new StringValue(w.Text, w.Span))).Named("the rule's name in quotes")
        select name;

    internal static readonly Parser<DeclarationSyntax> Segment = Located(
        from kw in Keyword("segment")
        from name in Name.Named("the segment's name")
        from colon in Symbol(':')
        from condition in Audience
        select (Func<SourceSpan, DeclarationSyntax>)(span => new SegmentSyntax(name, condition, span)));

    internal static readonly Parser<DeclarationSyntax> ChannelCaps = Located(
        from kw in Keyword("channel")
        from channel in Name.Named("a channel: email, sms or push")
        from first in Cap
        from rest in Keyword("and").Then(_ => Cap).Many()
        select (Func<SourceSpan, DeclarationSyntax>)(span => new ChannelCapsSyntax(channel, EquatableList.From(rest.Prepend(first)), span)));

    internal static readonly Parser<DeclarationSyntax> DefaultQuietHours = Located(
        from kw in Keywords("quiet", "hours")
        from hours in TimeRange
        select (Func<SourceSpan, DeclarationSyntax>)(span => new DefaultQuietHoursSyntax(hours, span)));

    private static Parser<ConditionSyntax> Condition(Parser<PropertyPath> path, bool allowSegments)
    {
        Parser<ConditionSyntax>? or = null;

        var comparison = Located(
            from p in path
            from build in
                (from op in Operator
                 from value in Value
                 select (Func<SourceSpan, ConditionSyntax>)(span => new ComparisonCondition(p, op, value, span)))
                .Or(from negated in Keyword("not").Optional()
                    from kw in Keyword("in")
                    from values in List
                    select (Func<SourceSpan, ConditionSyntax>)(span => new InCondition(p, negated.IsDefined, values, span)))
                .Or(from kw in Keyword("is")
                    from negated in Keyword("not").Optional()
                    from set in Keyword("set")
                    select (Func<SourceSpan, ConditionSyntax>)(span => new IsSetCondition(p, negated.IsDefined, span)))
            select build);

        var parenthesised =
            from open in Symbol('(')
            from inner in Parse.Ref(() => or!)
            from close in Symbol(')').Named("`)`")
            select inner;

        var atom = parenthesised.Or(comparison);
        if (allowSegments)
        {
            atom = Located(
                    from kw in Keyword("segment")
                    from name in Name.Named("a segment name")
                    select (Func<SourceSpan, ConditionSyntax>)(span => new SegmentCondition(name, span)))
                .Or(atom);
        }

        atom = atom.Named(allowSegments ? "a condition such as `segment parents` or `profile.country = \"US\"`" : "a condition such as `category = \"kids\"`");

        var not = Negations(atom);
        var and = Chain(Keyword("and"), not, (l, r) => new AndCondition(l, r, Merge(l.Span, r.Span)));
        or = Chain(Keyword("or"), and, (l, r) => new OrCondition(l, r, Merge(l.Span, r.Span)));
        return or;
    }

    /// <summary>The most operands one <c>and</c> or <c>or</c> chain may have.</summary>
    internal const int MaxChain = 256;

    /// <summary>
    /// The deepest condition tree accepted. The formatter, compiler and engine walk conditions
    /// recursively; this bound keeps every walker far from the stack's end on any input.
    /// </summary>
    internal const int MaxConditionDepth = 200;

    private static Parser<ConditionSyntax> DepthBounded(Parser<ConditionSyntax> condition) => input =>
    {
        var result = condition(input);
        return result.WasSuccessful && Depth(result.Value) > MaxConditionDepth
            ? Invalid<ConditionSyntax>(result.Remainder, Diagnostics.Descriptors.NestingTooDeep, $"this condition is nested more than {MaxConditionDepth} levels deep")
            : result;
    };

    /// <summary>The tree's depth, measured without recursion (the tree may be deeper than the stack allows).</summary>
    private static int Depth(ConditionSyntax root)
    {
        var deepest = 0;
        var pending = new Stack<(ConditionSyntax Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.TryPop(out var item))
        {
            deepest = Math.Max(deepest, item.Depth);
            switch (item.Node)
            {
                case AndCondition and:
                    pending.Push((and.Left, item.Depth + 1));
                    pending.Push((and.Right, item.Depth + 1));
                    break;
                case OrCondition or:
                    pending.Push((or.Left, item.Depth + 1));
                    pending.Push((or.Right, item.Depth + 1));
                    break;
                case NotCondition not:
                    pending.Push((not.Operand, item.Depth + 1));
                    break;
            }
        }

        return deepest;
    }

    /// <summary>
    /// A left-associative chain such as <c>a and b and c</c>, parsed in a loop (Sprache's
    /// ChainOperator recurses once per operand, so a long chain overflowed the stack). An operator
    /// not followed by an operand is left unconsumed: it may start the next clause.
    /// </summary>
    private static Parser<ConditionSyntax> Chain(Parser<string> op, Parser<ConditionSyntax> operand, Func<ConditionSyntax, ConditionSyntax, ConditionSyntax> make) => input =>
    {
        var first = operand(input);
        if (!first.WasSuccessful)
        {
            return first;
        }

        var (left, rest, count) = (first.Value, first.Remainder, 1);
        while (op(rest) is { WasSuccessful: true } separator && operand(separator.Remainder) is { WasSuccessful: true } next)
        {
            if (++count > MaxChain)
            {
                return Invalid<ConditionSyntax>(next.Remainder, Diagnostics.Descriptors.NestingTooDeep, $"this condition has more than {MaxChain} parts joined by `and`/`or`");
            }

            (left, rest) = (make(left, next.Value), next.Remainder);
        }

        return Result.Success(left, rest);
    };

    /// <summary><c>not not x</c>, read in a loop and bounded like <see cref="Chain"/>.</summary>
    private static Parser<ConditionSyntax> Negations(Parser<ConditionSyntax> atom) => input =>
    {
        var start = SkipWhitespace(input);
        var (rest, count) = (start, 0);
        while (Keyword("not")(rest) is { WasSuccessful: true } keyword)
        {
            if (++count > MaxChain)
            {
                return Invalid<ConditionSyntax>(keyword.Remainder, Diagnostics.Descriptors.NestingTooDeep, $"this condition has more than {MaxChain} `not`s in a row");
            }

            rest = keyword.Remainder;
        }

        var operand = atom(rest);
        if (!operand.WasSuccessful || count == 0)
        {
            return operand;
        }

        var span = SpanBetween(start, operand.Remainder);
        var result = operand.Value;
        for (var i = 0; i < count; i++)
        {
            result = new NotCondition(result, span);
        }

        return Result.Success(result, operand.Remainder);
    };

    /// <summary>Tries the parser named by the first word at the input, then, if that fails, <paramref name="all"/>.</summary>
    private static Parser<T> ByFirstWord<T>(Parser<T> all, params (string Word, Parser<T> Parser)[] byWord)
    {
        var lookup = byWord.ToDictionary(p => p.Word, p => p.Parser, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        return input =>
        {
            var start = SkipWhitespace(input);
            var end = start.Position;
            while (end < start.Source.Length && IsWordChar(start.Source[end]))
            {
                end++;
            }

            if (lookup.TryGetValue(start.Source.AsSpan(start.Position, end - start.Position), out var parser))
            {
                // Only this alternative can read past the word; the others fail where it starts. So when
                // it got further, trying them all would return this same failure (Sprache's Or keeps the
                // furthest), at the cost of every other alternative again, on every line with a mistake.
                var result = parser(input);
                if (result.WasSuccessful || result.Remainder.Position > start.Position)
                {
                    return result;
                }
            }

            return all(input);
        };
    }

    private static Parser<ComparisonOperator> Symbols(string text, ComparisonOperator op) => input =>
    {
        var start = SkipWhitespace(input);
        var i = start;
        foreach (var c in text)
        {
            if (i.AtEnd || i.Current != c)
            {
                return Fail<ComparisonOperator>(input, $"`{text}`");
            }

            i = i.Advance();
        }

        return Result.Success(op, i);
    };

    private static Parser<ClauseSyntax> Clause(Parser<Func<SourceSpan, ClauseSyntax>> parser) => Located(parser);

    private static Func<SourceSpan, ClauseSyntax> Make(Func<SourceSpan, ClauseSyntax> make) => make;
}
