using System.CommandLine;
using TriggerFlow.Cli.Reporting;

namespace TriggerFlow.Cli.Commands;

/// <summary>Arguments and options that several commands share, so they read and behave the same.</summary>
internal static class CommandArguments
{
    /// <summary>The rule files or folders a command works on; <c>rules</c> when none are given.</summary>
    public static Argument<string[]> Paths() => new("paths")
    {
        Description = "Rule files or folders (default: rules). The whole folder holding catalog.yaml is read, because rules share segments and caps.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The paths given, or the default rules folder.</summary>
    public static IReadOnlyList<string> PathsOrDefault(ParseResult parsed, Argument<string[]> paths) =>
        parsed.GetValue(paths) is { Length: > 0 } given ? given : ["rules"];

    /// <summary>How diagnostics are printed.</summary>
    public static Option<string> Format()
    {
        var format = new Option<string>("--format")
        {
            Description = "How to print diagnostics: text (with the source line), json, or github (workflow annotations).",
            DefaultValueFactory = _ => DiagnosticReport.Text,
        };
        format.AcceptOnlyFromAmong(DiagnosticReport.Formats);
        return format;
    }
}
