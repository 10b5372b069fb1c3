using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Sprache;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Parsing;

/// <summary>
/// The lexical layer of the grammar: whitespace, keywords, names and literals. Every token
/// skips the whitespace before it and none after, so a span ends where its text ends.
/// Regular expressions are anchored with <c>\G</c> and matched in place: no substring copies,
/// so parsing stays linear in the file's size.
/// </summary>
internal static partial class Lexical
{
    /// <summary>
    /// Words that end an event name or a condition. They cannot name events, properties or
    /// segments; the catalog loader rejects names that use them.
    /// </summary>
    public static readonly FrozenWords Reserved = new(
        "when", "where", "without", "within", "then", "and", "or", "not", "since", "last", "of", "wait",
        "send", "with", "at", "rule", "owner", "status", "priority", "active", "quiet", "control", "variant",
        "goal", "minimum", "segment", "from", "until", "in", "is", "contains", "template", "via", "ever", "first",
        "offer", "true", "false", "profile", "event", "channel");

    /// <summary>Words that may begin a clause or a declaration: where error recovery resumes.</summary>
    public static readonly FrozenWords ClauseStarters = new(
        "rule", "segment", "channel", "owner", "status", "priority", "active", "when", "then", "without", "within",
        "wait", "and", "send", "at", "quiet", "control", "variant", "goal", "minimum");

    /// <summary>The longest of <see cref="ClauseStarters"/>.</summary>
    private static readonly int LongestStarter = ClauseStarters.Words.Max(w => w.Length);

    /// <summary>
    /// Whether the word at <paramref name="input"/> (after whitespace) is one of <see cref="ClauseStarters"/>,
    /// compared as <see cref="Keyword"/> compares: when it is not, no keyword can match there.
    /// </summary>
    public static bool StartsWithClauseStarter(IInput input)
    {
        var start = SkipWhitespace(input);
        var text = start.Source;
        var length = 0;
        while (start.Position + length < text.Length && IsWordChar(text[start.Position + length]))
        {
            if (++length > LongestStarter)
            {
                return false;
            }
        }

        Span<char> word = stackalloc char[length];
        for (var k = 0; k < length; k++)
        {
            word[k] = char.ToLowerInvariant(text[start.Position + k]);
        }

        return ClauseStarters.Contains(word);
    }

    public static IInput SkipWhitespace(IInput input)
    {
        if (input is SourceInput source)
        {
            return source.AfterWhitespace;
        }

        while (!input.AtEnd && char.IsWhiteSpace(input.Current))
        {
            input = input.Advance();
        }

        return input;
    }

    public static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    public static SourceSpan SpanBetween(IInput start, IInput end) =>
        new(start.Position, end.Position - start.Position, start.Line, start.Column);

    public static SourceSpan Merge(SourceSpan first, SourceSpan last) =>
        first.IsNone || last.IsNone ? SourceSpan.None : new(first.Start, last.End - first.Start, first.Line, first.Column);

    public static IResult<T> Fail<T>(IInput at, string expected) =>
        Result.Failure<T>(at, "unexpected input", [expected]);

    /// <summary>Runs a parser that builds its node from its own span, after skipping whitespace.</summary>
    public static Parser<T> Located<T>(Parser<Func<SourceSpan, T>> parser) => input =>
    {
        var start = SkipWhitespace(input);
        var result = parser(start);
        if (result.WasSuccessful)
        {
            return Result.Success(result.Value(SpanBetween(start, result.Remainder)), result.Remainder);
        }

        // Skipped whitespace is not consumed input: XOptional and XOr must still see "nothing read".
        var at = result.Remainder.Position == start.Position ? input : result.Remainder;
        return Result.Failure<T>(at, result.Message, result.Expectations);
    };

    /// <summary>A keyword, case-insensitive, not followed by a letter or digit.</summary>
    public static Parser<string> Keyword(string word)
    {
        // Keywords are tried, and fail, at almost every position: the failure text is made once.
        var expected = $"`{word}`";
        return input =>
        {
            var start = SkipWhitespace(input);
            var text = start.Source;
            var end = start.Position + word.Length;
            if (end > text.Length)
            {
                return Fail<string>(input, expected);
            }

            for (var k = 0; k < word.Length; k++)
            {
                if (char.ToLowerInvariant(text[start.Position + k]) != word[k])
                {
                    return Fail<string>(input, expected);
                }
            }

            return end < text.Length && IsWordChar(text[end]) ? Fail<string>(input, expected) : Result.Success(word, Move(start, word.Length));
        };
    }

    /// <summary>Moves an input on by <paramref name="count"/> characters: in one step for the parser's own input.</summary>
    public static IInput Move(IInput input, int count)
    {
        if (input is SourceInput source)
        {
            return source.AdvanceBy(count);
        }

        for (var k = 0; k < count; k++)
        {
            input = input.Advance();
        }

        return input;
    }

    /// <summary>Two or more keywords in a row, such as <c>at most</c>.</summary>
    public static Parser<string> Keywords(params string[] words) =>
        words.Skip(1).Aggregate(Keyword(words[0]), (acc, w) => acc.Then(_ => Keyword(w))).Select(_ => string.Join(' ', words));

    public static Parser<char> Symbol(char c) => input =>
    {
        var start = SkipWhitespace(input);
        return !start.AtEnd && start.Current == c ? Result.Success(c, start.Advance()) : Fail<char>(input, $"`{c}`");
    };

    /// <summary>Any word, reserved or not.</summary>
    public static readonly Parser<Identifier> AnyWord = input =>
    {
        var start = SkipWhitespace(input);
        if (start.AtEnd || !IsWordStart(start.Current))
        {
            return Fail<Identifier>(input, "a name");
        }

        var end = start.Position;
        while (end < start.Source.Length && IsWordChar(start.Source[end]))
        {
            end++;
        }

        var i = Move(start, end - start.Position);
        return Result.Success(new Identifier(start.Source[start.Position..end], SpanBetween(start, i)), i);
    };

    /// <summary>A word that is not a keyword: names of events, properties, segments and channels.</summary>
    public static readonly Parser<Identifier> Name = input =>
    {
        var result = AnyWord(input);
        return result.WasSuccessful && Reserved.Contains(result.Value.Text.ToLowerInvariant())
            ? Fail<Identifier>(input, "a name")
            : result;
    };

    public static Parser<Match> Pattern(Regex regex, string expected) => input =>
    {
        var start = SkipWhitespace(input);
        var match = regex.Match(start.Source, start.Position);
        if (!match.Success)
        {
            return Fail<Match>(input, expected);
        }

        var end = Move(start, match.Length);

        return Result.Success(match, end);
    };

    /// <summary>
    /// A failure that is not "expected something else" but "this is wrong": it carries its own
    /// diagnostic code and message, and its position is the END of the offending token, so it
    /// counts as consumed input and wins over the alternatives that failed at its start.
    /// </summary>
    public static IResult<T> Invalid<T>(IInput end, Diagnostics.DiagnosticDescriptor descriptor, string message) =>
        Result.Failure<T>(end, message, [$"!{descriptor.Code} {message}"]);

    /// <summary>Reads back what <see cref="Invalid{T}"/> encoded: the code and message, or null.</summary>
    public static (string Code, string Message)? InvalidOf(IEnumerable<string> expectations) =>
        expectations.FirstOrDefault(e => e.StartsWith('!')) is { } invalid ? (invalid[1..7], invalid[8..]) : null;

    private static Parser<T> Convert<T>(Regex regex, string expected, Func<Match, SourceSpan, T?> convert, Diagnostics.DiagnosticDescriptor descriptor, string invalid)
        where T : class => input =>
    {
        var start = SkipWhitespace(input);
        var result = Pattern(regex, expected)(start);
        if (!result.WasSuccessful)
        {
            return Fail<T>(input, expected);
        }

        var value = convert(result.Value, SpanBetween(start, result.Remainder));
        return value is null
            ? Invalid<T>(result.Remainder, descriptor, string.Format(CultureInfo.InvariantCulture, invalid, result.Value.Value))
            : Result.Success(value, result.Remainder);
    };

    public static readonly Parser<StringValue> String = Convert(
        StringPattern(), "a string in double quotes", (m, span) => new StringValue(Unescape(m.Groups[1].Value), span), Diagnostics.Descriptors.UnterminatedString, "");

    public static readonly Parser<NumberValue> Number = Convert(
        NumberPattern(),
        "a number",
        (m, span) => decimal.TryParse(m.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? new NumberValue(d, span) : null,
        Diagnostics.Descriptors.InvalidNumber,
        "`{0}` is too large to be a number");

    public static readonly Parser<NumberValue> Integer = Convert(
        IntegerPattern(),
        "a whole number",
        (m, span) => long.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue ? new NumberValue(n, span) : null,
        Diagnostics.Descriptors.InvalidNumber,
        "`{0}` is too large; whole numbers go up to 2147483647");

    public static readonly Parser<PercentValue> Percent = Convert(
        PercentPattern(),
        "a percentage such as 10%",
        (m, span) => decimal.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? new PercentValue(d, span) : null,
        Diagnostics.Descriptors.InvalidNumber,
        "`{0}` is too large to be a percentage");

    public static readonly Parser<DateValue> Date = Convert(
        DatePattern(),
        "a date such as 2026-07-01",
        (m, span) => DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? new DateValue(d, span) : null,
        Diagnostics.Descriptors.InvalidDate,
        "`{0}` is not a valid date; write year-month-day, such as 2026-07-01");

    public static readonly Parser<TimeValue> Time = Convert(
        TimePattern(),
        "a time of day such as 08:00",
        (m, span) => TimeOnly.TryParseExact(m.Value, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? new TimeValue(t, span) : null,
        Diagnostics.Descriptors.InvalidDate,
        "`{0}` is not a valid time of day; write hours:minutes from 00:00 to 23:59");

    public static readonly Parser<DurationSyntax> Duration = Convert(
        DurationPattern(),
        "a duration such as 30m, 24h or 7d",
        (m, span) => long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1_000_000_000
            ? new DurationSyntax(n, UnitOf(m.Groups[2].Value), span)
            : null,
        Diagnostics.Descriptors.InvalidNumber,
        "`{0}` is too long a duration");

    public static readonly Parser<BooleanValue> Boolean =
        Located(Keyword("true").Or(Keyword("false")).Select(w => (Func<SourceSpan, BooleanValue>)(span => new BooleanValue(w == "true", span))));

    private static DurationUnit UnitOf(string unit) => char.ToLowerInvariant(unit[0]) switch
    {
        's' => DurationUnit.Seconds,
        'm' => DurationUnit.Minutes,
        'h' => DurationUnit.Hours,
        'd' => DurationUnit.Days,
        _ => DurationUnit.Weeks,
    };

    /// <summary>Decodes the escapes the pre-pass has already validated.</summary>
    internal static string Unescape(string raw)
    {
        if (!raw.Contains('\\', StringComparison.Ordinal))
        {
            return raw;
        }

        var text = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\' || i + 1 >= raw.Length)
            {
                text.Append(raw[i]);
                continue;
            }

            var next = raw[++i];
            switch (next)
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case 'u' when i + 4 < raw.Length:
                    text.Append((char)int.Parse(raw.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: text.Append(next); break;
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"\G""((?:[^""\\\r\n]|\\(?:[""\\nrt]|u[0-9A-Fa-f]{4}))*)""", RegexOptions.CultureInvariant)]
    private static partial Regex StringPattern();

    [GeneratedRegex(@"\G-?[0-9]+(?:\.[0-9]+)?(?![\w%:.-])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\G[0-9]+(?![\w%:.-])", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"\G([0-9]+(?:\.[0-9]+)?)%", RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"\G[0-9]{4}-[0-9]{2}-[0-9]{2}(?![\w:.-])", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\G[0-9]{1,2}:[0-9]{2}(?![\w:.-])", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"\G([0-9]+)[ \t]*(seconds|second|minutes|minute|hours|hour|days|day|weeks|week|s|m|h|d|w)(?![\w-])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();
}

/// <summary>A fixed set of lower-case words.</summary>
internal sealed class FrozenWords(params string[] words)
{
    private readonly HashSet<string> _words = new(words, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Words => _words;

    public bool Contains(string word) => _words.Contains(word);

    /// <summary>The same test for a word not yet made a string.</summary>
    public bool Contains(ReadOnlySpan<char> word) => _words.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
}
