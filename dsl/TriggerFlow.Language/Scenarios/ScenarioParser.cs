using Sprache;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Scenarios;

/// <summary>
/// Parses <c>.scenario</c> files, one step per line. Never throws on any input: every problem
/// becomes a diagnostic and the next line is read, so one run reports every broken line.
/// </summary>
public static class ScenarioParser
{
    /// <summary>The scenario file extension.</summary>
    public const string Extension = ".scenario";

    public static ScenarioParseResult Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var source = SourceText.Scan(path, text);
        var diagnostics = new List<Diagnostic>(source.Diagnostics);
        if (!source.CanParse)
        {
            return new ScenarioParseResult(new ScenarioFile(path, []), diagnostics);
        }

        var scenarios = new FileReader(path, source, diagnostics).Read();
        return new ScenarioParseResult(new ScenarioFile(path, scenarios), diagnostics);
    }

    /// <summary>The Try form: true when the file parsed without errors.</summary>
    public static bool TryParse(string path, string text, out ScenarioFile file, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var result = Parse(path, text);
        file = result.File;
        diagnostics = result.Diagnostics;
        return result.Succeeded;
    }

    private sealed class FileReader(string path, SourceText source, List<Diagnostic> diagnostics)
    {
        private readonly List<ScenarioSyntax> _scenarios = [];
        private ScenarioBuilder? _current;
        private bool _reportedOutside;

        public List<ScenarioSyntax> Read()
        {
            var code = source.Code;
            var start = 0;
            for (var line = 1; start <= code.Length; line++)
            {
                var end = code.IndexOf('\n', start);
                end = end < 0 ? code.Length : end;
                var first = start;
                while (first < end && char.IsWhiteSpace(code[first]))
                {
                    first++;
                }

                if (first < end && !source.BadLines.Contains(line))
                {
                    ReadLine(new LineInput(code, first, end, line, first - start + 1));
                }

                start = end + 1;
            }

            Close();
            return _scenarios;
        }

        private void ReadLine(LineInput line)
        {
            var header = ScenarioGrammar.Header(line);
            if (header.WasSuccessful)
            {
                Close();
                _current = new ScenarioBuilder(header.Value, Lexical.SpanBetween(line, header.Remainder));
                return;
            }

            if (_current is null)
            {
                ReportOutside(line);
                return;
            }

            var rules = ScenarioGrammar.RulesSetting(line);
            var start = ScenarioGrammar.StartSetting(line);
            var zone = ScenarioGrammar.ZoneSetting(line);
            var step = ScenarioGrammar.Step(line);
            if (rules.WasSuccessful)
            {
                Set(ref _current.Rules, rules.Value, line, "rules");
            }
            else if (start.WasSuccessful)
            {
                Set(ref _current.Start, start.Value, line, "start");
            }
            else if (zone.WasSuccessful)
            {
                Set(ref _current.Zone, zone.Value, line, "zone");
            }
            else if (step.WasSuccessful)
            {
                _current.Steps.Add(step.Value);
            }
            else
            {
                Report(line, Furthest([header.Remainder, rules.Remainder, start.Remainder, zone.Remainder, step.Remainder],
                    [header.Expectations, rules.Expectations, start.Expectations, zone.Expectations, step.Expectations]));
            }
        }

        private void Set<T>(ref T? setting, T value, LineInput line, string name)
            where T : class
        {
            if (setting is not null)
            {
                diagnostics.Add(Descriptors.DuplicateScenarioSetting.At(
                    path, WordAt(line), $"this scenario already has a `{name}` line", "keep one of the two lines"));
                return;
            }

            setting = value;
        }

        private void ReportOutside(LineInput line)
        {
            if (_reportedOutside)
            {
                return;
            }

            _reportedOutside = true;
            diagnostics.Add(Descriptors.StepOutsideScenario.At(
                path, WordAt(line), "this line is not inside a scenario", "start the file with `scenario \"what happens\"` and put the steps under it"));
        }

        private void Close()
        {
            if (_current is not { } built)
            {
                return;
            }

            _current = null;
            if (_scenarios.Any(s => s.Name.Value == built.Name.Value))
            {
                diagnostics.Add(Descriptors.DuplicateScenario.At(
                    path, built.Span, $"another scenario in this file is already named \"{built.Name.Value}\"", "give each scenario its own name"));
            }

            if (built.Start is null)
            {
                diagnostics.Add(Descriptors.ScenarioWithoutStart.At(
                    path, built.Span, $"scenario \"{built.Name.Value}\" has no `start` line", "say when the story starts: `start 2026-07-10 09:00`"));
            }

            if (!built.Steps.OfType<Expectation>().Any())
            {
                diagnostics.Add(Descriptors.ScenarioChecksNothing.At(
                    path, built.Span, $"scenario \"{built.Name.Value}\" has no `expect` line, so it always passes", "add what should happen: `expect email RULE to CUSTOMER` or `expect nothing to CUSTOMER`"));
            }

            _scenarios.Add(new ScenarioSyntax(built.Name, built.Span, built.Rules, built.Start, built.Zone, built.Steps));
        }

        private static (IInput At, List<string> Expectations) Furthest(IInput[] remainders, IEnumerable<string>[] expectations)
        {
            var far = remainders.Select(r => Lexical.SkipWhitespace(r).Position).Max();
            var at = remainders.First(r => Lexical.SkipWhitespace(r).Position == far);
            var expected = remainders.Zip(expectations)
                .Where(p => Lexical.SkipWhitespace(p.First).Position == far)
                .SelectMany(p => p.Second)
                .Distinct()
                .ToList();
            return (Lexical.SkipWhitespace(at), expected);
        }

        private void Report(LineInput line, (IInput At, List<string> Expectations) failure)
        {
            var (at, expectations) = failure;
            var found = TokenAt(at);
            var span = new SourceSpan(at.Position, Math.Max(found.Length, at.AtEnd ? 0 : 1), at.Line, at.Column);
            if (expectations.FirstOrDefault(e => e.StartsWith('!')) is { } invalid)
            {
                // The lexical layer prefixes the rule language's code (`!TF0007 …`); scenarios report their own.
                var text = invalid[1..];
                diagnostics.Add(Descriptors.ScenarioSyntaxError.At(path, span, text.StartsWith("TF", StringComparison.Ordinal) ? text[(text.IndexOf(' ', StringComparison.Ordinal) + 1)..] : text, "correct the value"));
                return;
            }

            if (at.Position == line.Position)
            {
                var suggestion = Suggestions.Closest(found.ToLowerInvariant(), ScenarioGrammar.LineStarters.Words);
                diagnostics.Add(Descriptors.ScenarioSyntaxError.At(
                    path,
                    span,
                    $"{Describe(found)} does not start a step",
                    suggestion is null ? StepForms : $"did you mean `{suggestion}`?"));
                return;
            }

            var keywords = expectations.Where(e => e.Length > 2 && e[0] == '`' && char.IsLetter(e[1])).Select(e => e.Trim('`'));
            var closest = Suggestions.Closest(found.ToLowerInvariant(), keywords);
            diagnostics.Add(Descriptors.ScenarioSyntaxError.At(
                path,
                span,
                $"unexpected {Describe(found)}; expected {Join(expectations)}",
                closest is null ? "see docs/scenarios.md for the form of each line" : $"did you mean `{closest}`?"));
        }

        private const string StepForms =
            "a line is `scenario \"name\"`, `rules`, `start`, `zone`, a time such as `+25h`, a customer's step such as `mary purchase`, or `expect …`";

        private static SourceSpan WordAt(LineInput line) =>
            new(line.Position, Math.Max(TokenAt(line).Length, 1), line.Line, line.Column);

        private static string TokenAt(IInput at)
        {
            if (at.AtEnd)
            {
                return "";
            }

            var end = at;
            if (Lexical.IsWordChar(at.Current))
            {
                while (!end.AtEnd && Lexical.IsWordChar(end.Current) && end.Position - at.Position < 40)
                {
                    end = end.Advance();
                }
            }
            else
            {
                end = end.Advance();
            }

            return at.Source[at.Position..end.Position];
        }

        private static string Describe(string token) => token.Length == 0 ? "end of line" : $"`{token}`";

        private static string Join(List<string> expectations)
        {
            var items = expectations.Where(e => !e.StartsWith('!')).Take(6).ToList();
            return items.Count switch
            {
                0 => "something else",
                1 => items[0],
                _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
            };
        }
    }

    private sealed class ScenarioBuilder(StringValue name, SourceSpan span)
    {
        public IReadOnlyList<Identifier>? Rules;
        public DateTimeSyntax? Start;
        public Identifier? Zone;

        public StringValue Name { get; } = name;

        public SourceSpan Span { get; } = span;

        public List<StepSyntax> Steps { get; } = [];
    }
}
