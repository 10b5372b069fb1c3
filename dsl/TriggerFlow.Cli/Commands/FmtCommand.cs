using System.CommandLine;
using TriggerFlow.Cli.Reporting;
using TriggerFlow.Language.Formatting;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Cli.Commands;

/// <summary><c>triggerflow fmt</c>: rewrites rule files in canonical form, or with <c>--check</c> lists those that are not.</summary>
internal sealed class FmtCommand : Command
{
    private readonly CliContext _context;
    private readonly Argument<string[]> _paths = CommandArguments.Paths();
    private readonly Option<bool> _check = new("--check")
    {
        Description = "Write nothing; list the files that are not in canonical form and exit 1 if there are any.",
    };

    public FmtCommand(CliContext context)
        : base("fmt", "Rewrite rule files in canonical form. Files with syntax errors are reported and left untouched.")
    {
        _context = context;
        Arguments.Add(_paths);
        Options.Add(_check);
        SetAction(Run);
    }

    private int Run(ParseResult parsed)
    {
        if (!WorkspaceReader.TryRead(_context, CommandArguments.PathsOrDefault(parsed, _paths), out var load))
        {
            return ExitCodes.UsageOrIoError;
        }

        var checkOnly = parsed.GetValue(_check);
        var results = load.Requested.Select(path => FormatCheck.Of(path, load.Set.TextOf(path)!)).ToList();
        ReportSyntaxErrors(load.Set, results);
        var unformatted = results.Where(r => r.CanFormat && !r.IsFormatted).ToList();
        foreach (var result in unformatted)
        {
            if (!checkOnly)
            {
                File.WriteAllText(result.Path, result.Formatted);
            }

            _context.Out.WriteLine(checkOnly ? result.Path : $"formatted {result.Path}");
        }

        var unparsable = results.Count(r => !r.CanFormat);
        _context.Out.WriteLine(Summary(results.Count, unformatted.Count, unparsable, checkOnly));
        var failed = unparsable > 0 || (checkOnly && unformatted.Count > 0);
        return failed ? ExitCodes.RuleErrors : ExitCodes.Ok;
    }

    private void ReportSyntaxErrors(RuleSet set, IReadOnlyList<FormatCheck> results)
    {
        var errors = results.Where(r => !r.CanFormat).SelectMany(r => r.Diagnostics.Where(d => d.IsError)).ToList();
        if (errors.Count > 0)
        {
            DiagnosticReport.WriteText(_context.Out, set, errors, _context.UseColour);
        }
    }

    private string Summary(int files, int unformatted, int unparsable, bool checkOnly)
    {
        var ofFiles = $"of {files} {Plural(files, "file")}";
        var text = (checkOnly, unformatted) switch
        {
            (_, 0) => $"{files - unparsable} {ofFiles} already formatted",
            (true, _) => $"{unformatted} {ofFiles} need formatting; run `triggerflow fmt`",
            (false, _) => $"formatted {unformatted} {ofFiles}",
        };
        if (unparsable > 0)
        {
            text += $"; {unparsable} with syntax errors left unchanged";
        }

        var failed = unparsable > 0 || (checkOnly && unformatted > 0);
        return Ansi.Paint(text, failed ? Ansi.Red : Ansi.Green, _context.UseColour);
    }

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";
}
