using Sprache;

namespace TriggerFlow.Language.Scenarios;

/// <summary>
/// Sprache input over one line of a file: the line's end is the end of input, while positions,
/// lines and columns stay those of the whole file so spans point at the right place. Scenario
/// steps are one per line, and an event name of several words must not run into the next line.
/// </summary>
internal sealed class LineInput : IInput
{
    private readonly int _end;

    public LineInput(string source, int position, int end, int line, int column)
    {
        Source = source;
        Position = position;
        _end = end;
        Line = line;
        Column = column;
    }

    public string Source { get; }

    public int Position { get; }

    public int Line { get; }

    public int Column { get; }

    public bool AtEnd => Position >= _end;

    public char Current => AtEnd ? '\n' : Source[Position];

    public IDictionary<object, object> Memos { get; } = new Dictionary<object, object>();

    public IInput Advance() => AtEnd ? this : new LineInput(Source, Position + 1, _end, Line, Column + 1);

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => Position;
}
