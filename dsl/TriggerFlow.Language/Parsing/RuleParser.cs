using Sprache;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Parsing;

/// <summary>The result of parsing one file: the tree (as much as could be read) and every problem found.</summary>
public sealed record ParseResult(TriggerFile File, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Parses <c>.trigger</c> files. Never throws on any input: every problem becomes a diagnostic,
/// and parsing resumes at the next line that starts a clause so one run reports every error.
/// </summary>
public static class RuleParser
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="path"/> names the file in diagnostics and names a one-line rule.</summary>
    public static ParseResult Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var source = SourceText.Scan(path, text);
        var diagnostics = new List<Diagnostic>(source.Diagnostics);
        if (!source.CanParse)
        {
            return new ParseResult(new TriggerFile(path, EquatableList<DeclarationSyntax>.Empty, EquatableList<Comment>.Empty), diagnostics);
        }

        var reader = new FileReader(path, source, diagnostics);
        var declarations = reader.Read();
        return new ParseResult(new TriggerFile(path, EquatableList.From(declarations), EquatableList.From(source.Comments)), diagnostics);
    }

    /// <summary>The Try form: true when the file parsed without errors.</summary>
    public static bool TryParse(string path, string text, out TriggerFile file, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var result = Parse(path, text);
        file = result.File;
        diagnostics = result.Diagnostics;
        return result.Succeeded;
    }

    /// <summary>The name a one-line rule takes from its file: <c>rules/bts-browse.trigger</c> gives <c>bts-browse</c>.</summary>
    public static string ImplicitRuleName(string path) => System.IO.Path.GetFileNameWithoutExtension(path);

    private sealed class FileReader(string path, SourceText source, List<Diagnostic> diagnostics)
    {
        private readonly List<DeclarationSyntax> _declarations = [];
        private readonly List<ClauseSyntax> _looseClauses = [];
        private (StringValue Name, SourceSpan Span, List<ClauseSyntax> Clauses)? _rule;

        public List<DeclarationSyntax> Read()
        {
            IInput input = new SourceInput(source.Code);
            while (true)
            {
                input = SkipSeparators(input);
                if (input.AtEnd)
                {
                    break;
                }

                input = ReadItem(input);
            }

            CloseRule();
            AttachLooseClauses();
            return _declarations;
        }

        private IInput ReadItem(IInput input)
        {
            if (!Lexical.StartsWithClauseStarter(input))
            {
                // Every declaration and clause begins with one of these words, so here each alternative
                // would fail where it starts: trying them all and merging what they expected cost tens of
                // microseconds a line, seconds for a file of many mistakes. The report is the one they give.
                Report(input, Result.Failure<object>(input, "unexpected input", []));
                return Recover(input, input);
            }

            var header = Grammar.RuleHeader(input);
            if (header.WasSuccessful)
            {
                CloseRule();
                _rule = (header.Value, Lexical.SpanBetween(input, header.Remainder), []);
                return header.Remainder;
            }

            var declaration = Grammar.Segment.Or(Grammar.ChannelCaps)(input);
            if (declaration.WasSuccessful)
            {
                CloseRule();
                _declarations.Add(declaration.Value);
                return declaration.Remainder;
            }

            if (_rule is null && _looseClauses.Count == 0)
            {
                var quiet = Grammar.DefaultQuietHours(input);
                if (quiet.WasSuccessful)
                {
                    _declarations.Add(quiet.Value);
                    return quiet.Remainder;
                }
            }

            var clause = Grammar.RuleClause(input);
            if (clause.WasSuccessful)
            {
                (_rule?.Clauses ?? _looseClauses).Add(clause.Value);
                return clause.Remainder;
            }

            var failure = Furthest(Furthest(header, declaration), clause);
            Report(input, failure);
            return Recover(Lexical.SkipWhitespace(input), failure.Remainder);
        }

        private static IResult<object> Furthest<TA, TB>(IResult<TA> a, IResult<TB> b) =>
            b.Remainder.Position > a.Remainder.Position
                ? Result.Failure<object>(b.Remainder, b.Message, b.Expectations)
                : Result.Failure<object>(a.Remainder, a.Message, a.Expectations);

        private void CloseRule()
        {
            if (_rule is { } rule)
            {
                var clauses = rule.Clauses;
                var span = clauses.Count == 0 ? rule.Span : Lexical.Merge(rule.Span, clauses[^1].Span);
                _declarations.Add(new RuleSyntax(rule.Name, false, EquatableList.From(clauses), span));
                _rule = null;
            }
        }

        private void AttachLooseClauses()
        {
            if (_looseClauses.Count == 0)
            {
                return;
            }

            if (_declarations.OfType<RuleSyntax>().Any())
            {
                foreach (var clause in _looseClauses)
                {
                    diagnostics.Add(Descriptors.ClauseOutsideRule.At(
                        path,
                        clause.Span,
                        "this clause is not inside a rule",
                        "start the rule with `rule \"name\"` above its clauses, or move the clause into the rule it belongs to"));
                }

                return;
            }

            // The one-line form: a file of clauses alone is one rule named after the file.
            var name = new StringValue(ImplicitRuleName(path), SourceSpan.None);
            var span = Lexical.Merge(_looseClauses[0].Span, _looseClauses[^1].Span);
            _declarations.Add(new RuleSyntax(name, true, EquatableList.From(_looseClauses), span));
        }

        private static IInput SkipSeparators(IInput input)
        {
            while (!input.AtEnd && (char.IsWhiteSpace(input.Current) || input.Current == ','))
            {
                input = input.Advance();
            }

            return input;
        }

        private void Report(IInput start, IResult<object> failure)
        {
            var at = Lexical.SkipWhitespace(failure.Remainder);
            if (source.BadLines.Contains(at.Line))
            {
                return;
            }

            var expectations = failure.Expectations.Distinct().ToList();
            if (Lexical.InvalidOf(expectations) is { } invalid)
            {
                var descriptor = Descriptors.All.First(d => d.Code == invalid.Code);
                diagnostics.Add(descriptor.At(path, TokenEndingAt(failure.Remainder), invalid.Message, HintFor(descriptor)));
                return;
            }

            var found = TokenAt(at);
            // At the end of the file there is no character to underline: a length of 1 would point past it.
            var span = new SourceSpan(at.Position, at.AtEnd ? 0 : Math.Max(found.Length, 1), at.Line, at.Column);
            if (at.Position == Lexical.SkipWhitespace(start).Position)
            {
                diagnostics.Add(Descriptors.SyntaxError.At(path, span, $"{Describe(found)} does not start a clause", StartHint(found)));
                return;
            }

            diagnostics.Add(Descriptors.SyntaxError.At(
                path,
                span,
                $"unexpected {Describe(found)}; expected {JoinExpectations(expectations)}",
                ExpectationHint(found, expectations)));
        }

        /// <summary>
        /// Skips to the next line that starts a clause: one whose first word is a clause keyword,
        /// or that is indented no deeper than the item that failed (a misspelt clause, say).
        /// Deeper lines continue the failed item and are skipped with it.
        /// </summary>
        private IInput Recover(IInput item, IInput failure)
        {
            var code = source.Code;
            var itemIndent = item.Column - 1;
            var position = code.IndexOf('\n', Math.Min(failure.Position, code.Length));
            while (position >= 0 && position < code.Length)
            {
                var lineStart = position + 1;
                var (indent, word) = LineStart(code, lineStart);
                if (word is not null && (indent <= itemIndent || Lexical.ClauseStarters.Contains(word.ToLowerInvariant())))
                {
                    return Advance(failure, lineStart);
                }

                position = code.IndexOf('\n', lineStart);
            }

            return Advance(failure, code.Length);
        }

        private static IInput Advance(IInput from, int position) => Lexical.Move(from, position - from.Position);

        private static (int Indent, string? Word) LineStart(string code, int start)
        {
            var i = start;
            while (i < code.Length && code[i] is ' ' or '\t' or '\r')
            {
                i++;
            }

            var end = i;
            while (end < code.Length && !char.IsWhiteSpace(code[end]))
            {
                end++;
            }

            return (i - start, end > i ? code[i..end] : null);
        }

        private static string TokenAt(IInput at)
        {
            if (at.AtEnd)
            {
                return "";
            }

            var source = at.Source;
            var end = at.Position;
            if (Lexical.IsWordChar(source[end]))
            {
                while (end < source.Length && Lexical.IsWordChar(source[end]) && end - at.Position < 40)
                {
                    end++;
                }
            }
            else if (source[end] == '"')
            {
                end = source.IndexOf('"', end + 1) is var close and >= 0 && close - at.Position < 40 ? close + 1 : end + 1;
            }
            else
            {
                end++;
            }

            return source[at.Position..end];
        }

        /// <summary>
        /// The span of the token that ends at <paramref name="end"/>: an invalid literal is reported from its end.
        /// The token never spans a line break, so its column follows from the end's; walking an input
        /// from the start of the file instead made a file of many invalid literals quadratic.
        /// </summary>
        private SourceSpan TokenEndingAt(IInput end)
        {
            var code = source.Code;
            var start = end.Position;
            while (start > 0 && !char.IsWhiteSpace(code[start - 1]) && code[start - 1] is not ('(' or '[' or ',' or '='))
            {
                start--;
            }

            var length = end.Position - start;
            return new SourceSpan(start, Math.Min(Math.Max(length, 1), code.Length - start), end.Line, end.Column - length);
        }

        private static string HintFor(DiagnosticDescriptor descriptor) =>
            descriptor == Descriptors.NestingTooDeep ? "name parts of the condition as segments and refer to them with `segment name`" : "correct the value";

        private static string Describe(string token) => token.Length == 0 ? "end of file" : $"`{token}`";

        private static string JoinExpectations(List<string> expectations)
        {
            var items = expectations.Where(e => !e.StartsWith('!')).Take(6).ToList();
            return items.Count switch
            {
                0 => "something else",
                1 => items[0],
                _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
            };
        }

        private static string StartHint(string found)
        {
            var suggestion = Suggestions.Closest(found.ToLowerInvariant(), Lexical.ClauseStarters.Words);
            return suggestion is null
                ? "clauses start with when, without, then, within, wait, and, send, at most, quiet hours, control, variant, goal or minimum sample; a file's declarations start with rule, segment or channel"
                : $"did you mean `{suggestion}`?";
        }

        private static string ExpectationHint(string found, List<string> expectations)
        {
            var keywords = expectations.Where(e => e.StartsWith('`') && e.EndsWith('`') && e.Length > 2 && char.IsLetter(e[1])).Select(e => e[1..^1]).ToList();
            var suggestion = Suggestions.Closest(found.ToLowerInvariant(), keywords);
            if (suggestion is not null)
            {
                return $"did you mean `{suggestion}`?";
            }

            return "see docs/language.md for the form of each clause";
        }
    }
}
