namespace TriggerFlow.Language.Syntax;

/// <summary>Something declared at the top level of a <c>.trigger</c> file.</summary>
public abstract record DeclarationSyntax(SourceSpan Span);

/// <summary>
/// <c>rule "name"</c> followed by its clauses. A file that is only clauses (the one-line form)
/// is one rule whose name comes from the file name; <see cref="ImplicitName"/> is then true.
/// </summary>
public sealed record RuleSyntax(StringValue Name, bool ImplicitName, EquatableList<ClauseSyntax> Clauses, SourceSpan Span)
    : DeclarationSyntax(Span)
{
    public IEnumerable<T> ClausesOf<T>()
        where T : ClauseSyntax => Clauses.OfType<T>();

    public T? Clause<T>()
        where T : ClauseSyntax => Clauses.OfType<T>().FirstOrDefault();
}

/// <summary><c>segment back-to-school: profile.has_children = true</c>.</summary>
public sealed record SegmentSyntax(Identifier Name, ConditionSyntax Condition, SourceSpan Span) : DeclarationSyntax(Span);

/// <summary><c>channel email at most 1 per 1d and at most 3 per 7d</c>: caps across all rules.</summary>
public sealed record ChannelCapsSyntax(Identifier Channel, EquatableList<CapClause> Caps, SourceSpan Span) : DeclarationSyntax(Span);

/// <summary><c>quiet hours 21:00 to 08:00</c> at the top level: the default for every rule.</summary>
public sealed record DefaultQuietHoursSyntax(TimeRangeSyntax Hours, SourceSpan Span) : DeclarationSyntax(Span);

/// <summary>A comment as written, kept so the formatter can put it back.</summary>
/// <param name="Trailing">True when code precedes it on the same line.</param>
public sealed record Comment(string Text, int Line, int Column, bool Trailing);

/// <summary>A parsed <c>.trigger</c> file.</summary>
public sealed record TriggerFile(string Path, EquatableList<DeclarationSyntax> Declarations, EquatableList<Comment> Comments)
{
    public IEnumerable<RuleSyntax> Rules => Declarations.OfType<RuleSyntax>();
}
