using FsCheck;
using FsCheck.Fluent;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Tests.Formatting;

/// <summary>
/// Random syntax trees of the shape the parser produces: rules with every clause kind in canonical
/// order and the owner, status and priority written out; segments; channel caps; default quiet hours
/// before any rule. Conditions reach depth 5 with every kind of atom; strings carry quotes,
/// backslashes, line breaks, control characters and non-ASCII text; names avoid the keywords.
/// </summary>
internal static class SyntaxGenerators
{
    private const int MaxConditionDepth = 5;

    private static readonly SourceSpan At = SourceSpan.None;

    private static readonly Gen<bool> Coin = Gen.Elements(true, false);

    private static readonly string[] StringPieces =
    [
        "a", "Back to school", " ", "\"", "\\", "\n", "\t", "\r", "#", "\\n", "\"\"", "é", "日本", "😀", "\u0001", "\u007f", "\u0085", "\ud800", "\u2028", "{x}", "%", "—",
    ];

    public static readonly Gen<string> Text =
        from count in Gen.Choose(0, 6)
        from pieces in Gen.ListOf(Gen.Elements(StringPieces), count)
        select string.Concat(pieces);

    private static readonly Gen<string> Word =
        (from first in Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_éñЖ日".ToCharArray())
         from length in Gen.Choose(0, 6)
         from rest in Gen.ListOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-_".ToCharArray()), length)
         select first + string.Concat(rest))
        .Where(w => !Lexical.Reserved.Contains(w.ToLowerInvariant()));

    private static readonly Gen<Identifier> Name = Word.Select(w => new Identifier(w, At));

    /// <summary>Where the grammar reads any word (parameter names, the status), keywords and odd case included.</summary>
    private static readonly Gen<Identifier> AnyWord = Gen.Frequency(
        (4, Word),
        (1, Gen.Elements("when", "and", "with", "template", "offer", "Offer", "rule", "true", "Always-On", "DRAFT")))
        .Select(w => new Identifier(w, At));

    private static readonly Gen<Identifier> EventName =
        from count in Gen.Choose(1, 3)
        from words in Gen.ListOf(Word, count)
        select new Identifier(string.Join(' ', words), At);

    private static readonly Gen<StringValue> String = Text.Select(t => new StringValue(t, At));

    private static readonly Gen<decimal> Decimal = Gen.Frequency(
        (6, from mantissa in Gen.Choose(0, int.MaxValue)
            from scale in Gen.Choose(0, 6)
            from negative in Coin
            select new decimal(mantissa, 0, 0, negative, (byte)scale)),
        (1, Gen.Elements(decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 10.50m, 100.000m, -0.0m)));

    private static readonly Gen<NumberValue> Whole = Gen.Choose(0, int.MaxValue).Select(n => new NumberValue(n, At));

    private static readonly Gen<PercentValue> Percent = Decimal.Select(d => new PercentValue(Math.Abs(d), At));

    private static readonly Gen<DateValue> Date = Gen.Choose(0, DateOnly.MaxValue.DayNumber).Select(d => new DateValue(DateOnly.FromDayNumber(d), At));

    private static readonly Gen<TimeValue> Time =
        from hour in Gen.Choose(0, 23)
        from minute in Gen.Choose(0, 59)
        select new TimeValue(new TimeOnly(hour, minute), At);

    private static readonly Gen<DurationSyntax> Duration =
        from amount in Gen.Frequency((4, Gen.Choose(0, 100)), (1, Gen.Choose(0, 1_000_000_000)))
        from unit in Gen.Elements(Enum.GetValues<DurationUnit>())
        select new DurationSyntax(amount, unit, At);

    private static readonly Gen<ValueSyntax> Scalar = Gen.OneOf(
        String.Select(v => (ValueSyntax)v),
        Decimal.Select(d => (ValueSyntax)new NumberValue(d, At)),
        Percent.Select(v => (ValueSyntax)v),
        Coin.Select(b => (ValueSyntax)new BooleanValue(b, At)),
        Date.Select(v => (ValueSyntax)v),
        Time.Select(v => (ValueSyntax)v));

    private static readonly Gen<ListValue> List = ListOf(Gen.Frequency((5, Scalar), (1, ListOf(Scalar).Select(l => (ValueSyntax)l))));

    private static readonly Gen<ValueSyntax> Value = Gen.Frequency((6, Scalar), (1, List.Select(l => (ValueSyntax)l)));

    private static readonly Gen<ParameterSyntax> Parameter = Gen.OneOf(
        Value.Select(v => new ParameterSyntax(new Identifier(ParameterSyntax.OfferName, At), v, At)),
        from name in AnyWord.Where(n => n.Text != ParameterSyntax.OfferName)
        from value in Value
        select new ParameterSyntax(name, value, At));

    private static readonly Gen<EquatableList<ParameterSyntax>> Parameters =
        from count in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, 3)))
        from parameters in Gen.ListOf(Parameter, count)
        select EquatableList.From(parameters);

    private static readonly Gen<ConditionSyntax> Filter = Condition(audience: false);

    private static readonly Gen<ConditionSyntax> Audience = Condition(audience: true);

    private static readonly Gen<EventReference> Event =
        from name in EventName
        from of in String.Sometimes()
        from filter in Gen.Frequency((2, Gen.Constant<ConditionSyntax?>(null)), (1, Filter.Select(f => (ConditionSyntax?)f)))
        select new EventReference(name, of, filter, At);

    private static readonly Gen<CapClause> Cap =
        from count in Whole
        from scope in Gen.OneOf(
            Duration.Select(d => (CapScope)new DurationCapScope(d, At)),
            Name.Select(n => (CapScope)new PropertyCapScope(n, At)),
            Gen.Constant((CapScope)new EverCapScope(At)))
        select new CapClause(count, scope, At);

    private static readonly Gen<TimeRangeSyntax> TimeRange =
        from start in Time
        from end in Time
        select new TimeRangeSyntax(start, end, At);

    private static readonly Gen<RuleSyntax> Rule =
        from name in String
        from clauses in Gen.CollectToList(ClauseKindsInCanonicalOrder())
        select new RuleSyntax(name, false, EquatableList.From(clauses.SelectMany(c => c)), At);

    private static readonly Gen<DeclarationSyntax> Segment =
        from name in Name
        from condition in Audience
        select (DeclarationSyntax)new SegmentSyntax(name, condition, At);

    private static readonly Gen<DeclarationSyntax> ChannelCaps =
        from channel in Name
        from count in Gen.Choose(1, 3)
        from caps in Gen.ListOf(Cap, count)
        select (DeclarationSyntax)new ChannelCapsSyntax(channel, EquatableList.From(caps), At);

    /// <summary>A whole file; default quiet hours come first because after a rule they would be read as its clause.</summary>
    public static readonly Gen<TriggerFile> File =
        from quiet in Gen.Choose(0, 1)
        from defaults in Gen.ListOf(TimeRange.Select(r => (DeclarationSyntax)new DefaultQuietHoursSyntax(r, At)), quiet)
        from count in Gen.Choose(1, 4)
        from declarations in Gen.ListOf(Gen.Frequency((4, Rule.Select(r => (DeclarationSyntax)r)), (1, Segment), (1, ChannelCaps)), count)
        select new TriggerFile("generated.trigger", EquatableList.From(defaults.Concat(declarations)), EquatableList<Comment>.Empty);

    private static IEnumerable<Gen<List<ClauseSyntax>>> ClauseKindsInCanonicalOrder() =>
    [
        One(Gen.Frequency((1, Gen.Constant(RuleDefaults.Owner)), (3, Text)).Select(o => (ClauseSyntax)new OwnerClause(new StringValue(o, At), At))),
        One(Gen.Frequency((4, Gen.Elements(RuleDefaults.StatusWords.Keys.ToArray())), (1, AnyWord.Select(w => w.Text).Where(w => !RuleDefaults.StatusWords.ContainsKey(w))))
            .Select(s => (ClauseSyntax)new StatusClause(new Identifier(s, At), At))),
        One(Gen.Frequency((1, Gen.Constant(new NumberValue(RuleDefaults.Priority, At))), (3, Whole)).Select(p => (ClauseSyntax)new PriorityClause(p, At))),
        Maybe(Active()),
        Maybe(Gen.OneOf(
            Event.Select(e => (SignalSyntax)new EventSignal(e, At)),
            from after in Duration
            from evt in Event
            select (SignalSyntax)new RecencySignal(after, evt, At)).Select(s => (ClauseSyntax)new WhenClause(s, At))),
        Many(from evt in Event from within in Duration select (ClauseSyntax)new ThenClause(evt, within, At)),
        Many(from evt in Event from within in Duration from anchor in Gen.Elements(Enum.GetValues<WindowAnchor>()) select (ClauseSyntax)new WithoutClause(evt, within, anchor, At)),
        Maybe(from within in Duration from evt in Event select (ClauseSyntax)new TenureClause(within, evt, At)),
        Maybe(Duration.Select(d => (ClauseSyntax)new WaitClause(d, At))),
        Maybe(Audience.Select(c => (ClauseSyntax)new AudienceClause(c, At))),
        Many(from channel in Name from template in String.Sometimes() from parameters in Parameters select (ClauseSyntax)new SendClause(channel, template, parameters, At)),
        Many(Cap.Select(c => (ClauseSyntax)c)),
        Maybe(from hours in TimeRange.Sometimes() from policy in Gen.Elements(Enum.GetValues<QuietHoursPolicy>()) select (ClauseSyntax)new QuietHoursClause(hours, policy, At)),
        Maybe(Percent.Select(p => (ClauseSyntax)new ControlClause(p, At))),
        Many(Variant()),
        Maybe(from evt in Event from within in Duration select (ClauseSyntax)new GoalClause(evt, within, At)),
        Maybe(Whole.Select(n => (ClauseSyntax)new MinimumSampleClause(n, At))),
    ];

    private static Gen<ClauseSyntax> Active() =>
        from start in Date.Sometimes()
        from end in Date.Sometimes()
        where start is not null || end is not null
        select (ClauseSyntax)new ActiveClause(start, end, At);

    private static Gen<ClauseSyntax> Variant() =>
        from name in String
        from weight in Percent
        from channel in Name.Sometimes()
        from template in String.Sometimes()
        from wait in Duration.Sometimes()
        from parameters in Parameters
        select (ClauseSyntax)new VariantClause(name, weight, channel, template, wait, parameters, At);

    private static Gen<ConditionSyntax> Condition(bool audience) =>
        Gen.Choose(0, MaxConditionDepth).SelectMany(depth => Condition(audience, depth));

    private static Gen<ConditionSyntax> Condition(bool audience, int depth)
    {
        var atom = Atom(audience);
        if (depth == 0)
        {
            return atom;
        }

        var smaller = Condition(audience, depth - 1);
        return Gen.Frequency(
            (1, atom),
            (2, from left in smaller from right in smaller select (ConditionSyntax)new AndCondition(left, right, At)),
            (2, from left in smaller from right in smaller select (ConditionSyntax)new OrCondition(left, right, At)),
            (1, smaller.Select(operand => (ConditionSyntax)new NotCondition(operand, At))));
    }

    private static Gen<ConditionSyntax> Atom(bool audience)
    {
        var path =
            from scope in audience ? Gen.Elements(Enum.GetValues<PropertyScope>()) : Gen.Constant(PropertyScope.Event)
            from count in Gen.Choose(1, 3)
            from names in Gen.ListOf(Name, count)
            select new PropertyPath(scope, EquatableList.From(names), At);
        var comparison =
            from p in path
            from op in Gen.Elements(Enum.GetValues<ComparisonOperator>())
            from value in Value
            select (ConditionSyntax)new ComparisonCondition(p, op, value, At);
        var @in =
            from p in path
            from negated in Coin
            from values in List
            select (ConditionSyntax)new InCondition(p, negated, values, At);
        var isSet =
            from p in path
            from negated in Coin
            select (ConditionSyntax)new IsSetCondition(p, negated, At);
        var segment = Name.Select(n => (ConditionSyntax)new SegmentCondition(n, At));
        return audience ? Gen.OneOf(comparison, @in, isSet, segment) : Gen.OneOf(comparison, @in, isSet);
    }

    private static Gen<ListValue> ListOf(Gen<ValueSyntax> item) =>
        from count in Gen.Choose(1, 3)
        from items in Gen.ListOf(item, count)
        select new ListValue(EquatableList.From(items), At);

    private static Gen<List<ClauseSyntax>> One(Gen<ClauseSyntax> clause) => clause.Select(c => new List<ClauseSyntax> { c });

    private static Gen<List<ClauseSyntax>> Maybe(Gen<ClauseSyntax> clause) => Gen.Choose(0, 1).SelectMany(n => Gen.ListOf(clause, n));

    private static Gen<List<ClauseSyntax>> Many(Gen<ClauseSyntax> clause) => Gen.Choose(0, 2).SelectMany(n => Gen.ListOf(clause, n));

    private static Gen<T?> Sometimes<T>(this Gen<T> gen)
        where T : class => Gen.Frequency((1, Gen.Constant<T?>(null)), (1, gen.Select(v => (T?)v)));
}
