using System.Text;

namespace TriggerFlow.Language.Diagnostics;

/// <summary>
/// GitHub Actions workflow commands. GitHub reads <c>%</c>, CR and LF in a command's message as
/// escapes, and <c>:</c> and <c>,</c> in its properties as separators, so each is percent-encoded.
/// </summary>
internal static class GitHubAnnotations
{
    public static string Render(IEnumerable<Diagnostic> diagnostics, Func<string, string?> textOf)
    {
        var output = new StringBuilder();
        foreach (var diagnostic in diagnostics)
        {
            output.Append(Command(diagnostic, textOf(diagnostic.Path))).Append('\n');
        }

        return output.ToString();
    }

    public static string Command(Diagnostic diagnostic, string? text)
    {
        var properties = new List<string> { $"file={Property(diagnostic.Path)}" };
        if (!diagnostic.Span.IsNone)
        {
            var at = SourceLocation.Of(diagnostic, text);
            properties.Add($"line={at.Line}");
            properties.Add($"col={at.Column}");
            if (at.EndLine != at.Line)
            {
                properties.Add($"endLine={at.EndLine}");
            }

            properties.Add($"endColumn={at.EndColumn}");
        }

        properties.Add($"title={Property(diagnostic.Code + " " + LowerFirst(diagnostic.Descriptor.Title))}");
        var message = diagnostic.Hint is null ? diagnostic.Message : $"{diagnostic.Message.TrimEnd('.')}. {diagnostic.Hint}";
        return $"::{(diagnostic.IsError ? "error" : "warning")} {string.Join(',', properties)}::{Data(message)}";
    }

    public static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
