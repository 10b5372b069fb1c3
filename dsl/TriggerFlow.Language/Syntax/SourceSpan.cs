namespace TriggerFlow.Language.Syntax;

/// <summary>
/// Where a piece of syntax stands in its file: a character offset and length, and the
/// 1-based line and column of its first character.
/// </summary>
/// <remarks>
/// A location is not part of a node's identity: two spans always compare equal, so two
/// syntax trees are equal when they say the same thing, wherever it was written. That is
/// what lets the formatter's round-trip property compare a tree with its re-parsed print.
/// </remarks>
public sealed class SourceSpan : IEquatable<SourceSpan>
{
    /// <summary>A span for syntax that was not written in any file (defaults, generated trees).</summary>
    public static readonly SourceSpan None = new(0, 0, 0, 0);

    public SourceSpan(int start, int length, int line, int column)
    {
        Start = start;
        Length = length;
        Line = line;
        Column = column;
    }

    public int Start { get; }

    public int Length { get; }

    public int Line { get; }

    public int Column { get; }

    public int End => Start + Length;

    public bool IsNone => Line == 0;

    public bool Equals(SourceSpan? other) => other is not null;

    public override bool Equals(object? obj) => obj is SourceSpan;

    public override int GetHashCode() => 0;

    public override string ToString() => IsNone ? "(none)" : $"{Line}:{Column}";
}
