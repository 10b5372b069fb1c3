using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Cli.Reporting;

/// <summary>Chooses which diagnostics a command shows and prints them through the language's renderer.</summary>
internal static class DiagnosticReport
{
    public const string Text = "text";
    public const string Json = "json";
    public const string GitHub = "github";

    /// <summary>The formats <c>--format</c> accepts.</summary>
    public static readonly string[] Formats = [Text, Json, GitHub];

    /// <summary>
    /// Diagnostics that involve the files the user named: those in them, and cross-file ones such as
    /// a rule name first used in a named file and used again in another (shown where they are, in
    /// the other file), plus those that belong to no single rule file (the catalog's), since those
    /// affect every file.
    /// </summary>
    public static IReadOnlyList<Diagnostic> ForRequested(WorkspaceLoad load, IEnumerable<Diagnostic> all)
    {
        var ruleFiles = load.Set.Sources.Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
        var requested = load.Requested.ToHashSet(StringComparer.Ordinal);
        return all.Where(d => !ruleFiles.Contains(d.Path) || requested.Contains(d.Path) || d.RelatedPaths.Any(requested.Contains)).ToList();
    }

    /// <summary>Prints <paramref name="diagnostics"/> in <paramref name="format"/> with a summary line.</summary>
    public static void Write(CliContext context, RuleSet set, IReadOnlyList<Diagnostic> diagnostics, string format)
    {
        switch (format)
        {
            case Json:
                // stdout carries the JSON document alone so it can be piped into a tool.
                context.Out.WriteLine(DiagnosticRenderer.Json(diagnostics, TextOf(set)));
                context.Error.WriteLine(DiagnosticRenderer.Summary(diagnostics));
                break;
            case GitHub:
                context.Out.Write(DiagnosticRenderer.GitHub(diagnostics, TextOf(set)));
                context.Out.WriteLine(DiagnosticRenderer.Summary(diagnostics));
                break;
            default:
                WriteText(context.Out, set, diagnostics, context.UseColour);
                break;
        }
    }

    /// <summary>Prints <paramref name="diagnostics"/> for people: source lines, carets, help, and a summary line.</summary>
    public static void WriteText(TextWriter writer, RuleSet set, IReadOnlyList<Diagnostic> diagnostics, bool colour) =>
        writer.Write(DiagnosticRenderer.Text(diagnostics, TextOf(set), colour));

    /// <summary>
    /// File texts for source snippets. The rule set holds its rule files only, so the catalog's
    /// text is read again, and only when one of its diagnostics is shown.
    /// </summary>
    private static Func<string, string?> TextOf(RuleSet set) => path => set.TextOf(path) ?? ReadOrNull(path);

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
