using TriggerFlow.Language.Syntax;
using static TriggerFlow.Language.Formatting.LiteralPrinter;

namespace TriggerFlow.Language.Formatting;

/// <summary>Prints one clause on one line, keywords in lower case, optional parts that hold their default left out.</summary>
internal static class ClausePrinter
{
    public static string Print(ClauseSyntax clause) => clause switch
    {
        OwnerClause owner => "owner " + String(owner.Owner.Value),
        StatusClause status => "status " + StatusWord(status.Status.Text),
        PriorityClause priority => "priority " + Number(priority.Priority.Value),
        ActiveClause active => "active" + Optional(" from ", active.From, d => Date(d.Value)) + Optional(" until ", active.Until, d => Date(d.Value)),
        WhenClause signal => "when " + Signal(signal.Signal),
        ThenClause then => $"then {Event(then.Event)} within {Duration(then.Within)}",
        WithoutClause without => $"without {Event(without.Event)} within {Duration(without.Within)}" + Anchor(without.Anchor),
        TenureClause tenure => $"within {Duration(tenure.Within)} of first {Event(tenure.Event)}",
        WaitClause wait => "wait " + Duration(wait.Delay),
        AudienceClause audience => "and " + Audience(audience.Condition),
        SendClause send => "send " + send.Channel.Text + Optional(" template ", send.Template, t => String(t.Value)) + Parameters(send.Parameters),
        CapClause cap => Cap(cap),
        QuietHoursClause quiet => "quiet hours" + Optional(" ", quiet.Hours, TimeRange) + Policy(quiet),
        ControlClause control => "control " + Percent(control.Share.Value),
        VariantClause variant => Variant(variant),
        GoalClause goal => $"goal {Event(goal.Event)} within {Duration(goal.Within)}",
        MinimumSampleClause minimum => "minimum sample " + Number(minimum.Count.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(clause), clause.GetType().Name, "unknown clause kind"),
    };

    /// <summary><c>at most 1 per 7d</c>, shared by rule caps and channel caps.</summary>
    public static string Cap(CapClause cap) => $"at most {Number(cap.Count.Value)} " + cap.Scope switch
    {
        DurationCapScope window => "per " + Duration(window.Window),
        PropertyCapScope property => "per " + property.Property.Text,
        _ => "ever",
    };

    public static string TimeRange(TimeRangeSyntax range) => $"{Time(range.Start.Value)} to {Time(range.End.Value)}";

    /// <summary>The word a status is written as, such as <c>always-on</c>.</summary>
    public static string StatusWord(RuleStatusKind kind) => RuleDefaults.StatusWords.First(w => w.Value == kind).Key;

    /// <summary>
    /// A top-level <c>or</c> audience is printed in parentheses: <c>when viewed and segment a or segment b</c>
    /// reads as if the <c>or</c> could skip the signal; <c>and (segment a or segment b)</c> says what it means.
    /// </summary>
    private static string Audience(ConditionSyntax condition) => ConditionPrinter.Print(condition, ConditionPrinter.Binding.And);

    /// <summary>The status in lower case when it is one of the known words; an unknown word is kept for the checker to report.</summary>
    private static string StatusWord(string written) =>
        RuleDefaults.StatusWords.TryGetValue(written, out var kind) ? StatusWord(kind) : written;

    private static string Signal(SignalSyntax signal) => signal switch
    {
        RecencySignal recency => $"{Duration(recency.After)} since last {Event(recency.Event)}",
        EventSignal evt => Event(evt.Event),
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal.GetType().Name, "unknown signal kind"),
    };

    private static string Event(EventReference evt) =>
        evt.Name.Text + Optional(" of ", evt.Of, o => String(o.Value)) + Optional(" where ", evt.Where, w => ConditionPrinter.Print(w));

    private static string Anchor(WindowAnchor anchor) => anchor == WindowAnchor.FirstSignal ? " from first signal" : "";

    /// <summary><c>hold</c> is the default, so it is written only when nothing else follows <c>quiet hours</c>.</summary>
    private static string Policy(QuietHoursClause quiet) => (quiet.Hours, quiet.Policy) switch
    {
        (_, QuietHoursPolicy.Drop) => " drop",
        (null, _) => " hold",
        _ => "",
    };

    private static string Variant(VariantClause variant) =>
        $"variant {String(variant.Name.Value)} {Percent(variant.Weight.Value)}"
        + Optional(" via ", variant.Channel, c => c.Text)
        + Optional(" template ", variant.Template, t => String(t.Value))
        + Optional(" wait ", variant.Wait, Duration)
        + Parameters(variant.Parameters);

    private static string Parameters(EquatableList<ParameterSyntax> parameters) =>
        parameters.Count == 0 ? "" : " with " + string.Join(" and ", parameters.Select(Parameter));

    private static string Parameter(ParameterSyntax parameter) =>
        parameter.IsOffer ? Value(parameter.Value) + " offer" : $"{parameter.Name.Text} = {Value(parameter.Value)}";

    private static string Optional<T>(string prefix, T? part, Func<T, string> print)
        where T : class => part is null ? "" : prefix + print(part);
}
