using System.CommandLine;
using System.CommandLine.Invocation;
using TriggerFlow.Cli.Commands;

namespace TriggerFlow.Cli;

/// <summary>The <c>triggerflow</c> command line: parses the arguments and runs one command.</summary>
internal static class CliApp
{
    /// <summary>Runs <paramref name="args"/> and returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = CreateRoot(context).Parse(args);
        return parsed.Action is ParseErrorAction ? ReportUsageErrors(parsed, context) : Invoke(parsed, context);
    }

    private static int Invoke(ParseResult parsed, CliContext context)
    {
        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return parsed.Invoke(invocation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.UsageOrIoError;
        }
        catch (Exception e)
        {
            // Rule text never gets here (the language library reports it as diagnostics), so this is a bug: keep the trace for the report.
            context.Error.WriteLine($"internal error in triggerflow, please report it with the rules that caused it:\n{e}");
            return ExitCodes.InternalError;
        }
    }

    private static Command CreateRoot(CliContext context)
    {
        // A plain Command, because RootCommand takes its name from the running executable: `testhost` in tests.
        var root = new Command("triggerflow", "TriggerFlow: check, format and compile trigger rules.")
        {
            HelpWithExitCodes.CreateOption(),
            new VersionOption(),
            new CheckCommand(context),
            new FmtCommand(context),
            new CompileCommand(context),
            new BacktestCommand(context),
            new ExplainCommand(context),
            new TestCommand(context),
            new DeployCommand(context),
            new RollbackCommand(context),
            new StatusCommand(context),
        };
        return root;
    }

    private static int ReportUsageErrors(ParseResult parsed, CliContext context)
    {
        foreach (var error in parsed.Errors)
        {
            context.Error.WriteLine($"error: {error.Message}");
        }

        var command = parsed.CommandResult.Parent is null ? "" : parsed.CommandResult.Command.Name + " ";
        context.Error.WriteLine($"Run `triggerflow {command}--help` for usage.");
        return ExitCodes.UsageOrIoError;
    }
}
