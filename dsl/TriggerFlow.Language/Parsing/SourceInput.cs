using Sprache;

namespace TriggerFlow.Language.Parsing;

/// <summary>
/// Sprache input over a file's code. Sprache's own <c>Input</c> allocates a memo dictionary on
/// every <c>Advance</c>, one per character read and again on every backtrack; the grammar never
/// memoises, so that was most of the parser's allocation and time. The dictionary here is made
/// only if asked for. Every token first skips whitespace, and every alternative of a clause
/// starts from the same input, so the input remembers where its whitespace ends; literals and
/// keywords move over their text in one step rather than one object per character.
/// </summary>
internal sealed class SourceInput : IInput
{
    private Dictionary<object, object>? _memos;
    private SourceInput? _afterWhitespace;

    public SourceInput(string source)
        : this(source, 0, 1, 1)
    {
    }

    private SourceInput(string source, int position, int line, int column)
    {
        Source = source;
        Position = position;
        Line = line;
        Column = column;
    }

    public string Source { get; }

    public int Position { get; }

    public int Line { get; }

    public int Column { get; }

    public bool AtEnd => Position == Source.Length;

    public char Current => Source[Position];

    public IDictionary<object, object> Memos => _memos ??= [];

    public IInput Advance() => AtEnd
        ? throw new InvalidOperationException("The input is already at the end of the source.")
        : Current == '\n'
            ? new SourceInput(Source, Position + 1, Line + 1, 1)
            : new SourceInput(Source, Position + 1, Line, Column + 1);

    /// <summary>This input moved past any whitespace; worked out once, however many parsers ask.</summary>
    public SourceInput AfterWhitespace
    {
        get
        {
            if (_afterWhitespace is null)
            {
                var end = Position;
                while (end < Source.Length && char.IsWhiteSpace(Source[end]))
                {
                    end++;
                }

                _afterWhitespace = end == Position ? this : AdvanceBy(end - Position).AfterWhitespace;
            }

            return _afterWhitespace;
        }
    }

    /// <summary>This input moved <paramref name="count"/> characters on, with the line and column counted over them.</summary>
    public SourceInput AdvanceBy(int count)
    {
        var end = Math.Min(Position + count, Source.Length);
        var (line, column) = (Line, Column);
        for (var i = Position; i < end; i++)
        {
            (line, column) = Source[i] == '\n' ? (line + 1, 1) : (line, column + 1);
        }

        return end == Position ? this : new SourceInput(Source, end, line, column);
    }

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => Position;
}
