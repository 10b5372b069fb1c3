using System.CommandLine;
using TriggerFlow.Cli.Reporting;
using TriggerFlow.Language.Checking;

namespace TriggerFlow.Cli.Commands;

/// <summary><c>triggerflow check</c>: reports every problem in the rules.</summary>
internal sealed class CheckCommand : Command
{
    private readonly CliContext _context;
    private readonly Argument<string[]> _paths = CommandArguments.Paths();
    private readonly Option<string> _format = CommandArguments.Format();

    public CheckCommand(CliContext context)
        : base("check", "Check rules for errors and warnings.")
    {
        _context = context;
        Arguments.Add(_paths);
        Options.Add(_format);
        SetAction(Run);
    }

    private int Run(ParseResult parsed)
    {
        if (!WorkspaceReader.TryRead(_context, CommandArguments.PathsOrDefault(parsed, _paths), out var load))
        {
            return ExitCodes.UsageOrIoError;
        }

        var shown = DiagnosticReport.ForRequested(load, RuleChecker.Check(load.Set));
        DiagnosticReport.Write(_context, load.Set, shown, parsed.GetValue(_format)!);
        return shown.Any(d => d.IsError) ? ExitCodes.RuleErrors : ExitCodes.Ok;
    }
}
