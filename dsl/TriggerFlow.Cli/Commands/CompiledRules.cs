using System.Diagnostics.CodeAnalysis;
using TriggerFlow.Cli.Reporting;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Cli.Commands;

/// <summary>Reads and compiles the rules folder for the commands that run rules (backtest, explain).</summary>
internal static class CompiledRules
{
    /// <summary>The plans; otherwise the problem is reported and <paramref name="exitCode"/> says which kind it was.</summary>
    public static bool TryCompile(CliContext context, IReadOnlyList<string> paths, [NotNullWhen(true)] out WorkspaceLoad? load, [NotNullWhen(true)] out PlanSet? plans, out int exitCode)
    {
        plans = null;
        if (!WorkspaceReader.TryRead(context, paths, out load))
        {
            exitCode = ExitCodes.UsageOrIoError;
            return false;
        }

        var result = RuleCompiler.Compile(load.Set);
        if (result.Plans is null)
        {
            // stderr, because stdout carries the report.
            DiagnosticReport.WriteText(context.Error, load.Set, result.Diagnostics.Where(d => d.IsError).ToList(), context.UseColour);
            context.Error.WriteLine("the rules have errors: fix them, then run again");
            exitCode = ExitCodes.RuleErrors;
            return false;
        }

        plans = result.Plans;
        exitCode = ExitCodes.Ok;
        return true;
    }
}
