using System.Diagnostics.CodeAnalysis;
using TriggerFlow.Language.Diagnostics;

namespace TriggerFlow.Language.Formatting;

/// <summary>
/// What <c>triggerflow fmt</c> needs to know about one file: whether it is already in canonical
/// form (<c>fmt --check</c>) and the canonical text to write (<c>fmt</c>).
/// </summary>
/// <param name="Formatted">The canonical text; null when the file has parse errors and so is left alone.</param>
/// <param name="IsFormatted">True when the text already equals its canonical form, byte for byte (so CRLF line endings count as unformatted).</param>
/// <param name="Diagnostics">Everything the parser reported; the errors among them explain a null <paramref name="Formatted"/>.</param>
public sealed record FormatCheck(string Path, string? Formatted, bool IsFormatted, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the file parsed and <see cref="Formatted"/> holds its canonical text.</summary>
    [MemberNotNullWhen(true, nameof(Formatted))]
    public bool CanFormat => Formatted is not null;

    /// <summary>Formats <paramref name="text"/>, read from <paramref name="path"/>, and compares it with the result. Never throws on bad input.</summary>
    public static FormatCheck Of(string path, string text)
    {
        RuleFormatter.TryFormat(path, text, out var formatted, out var diagnostics);
        return new FormatCheck(path, formatted, string.Equals(formatted, text, StringComparison.Ordinal), diagnostics);
    }
}
