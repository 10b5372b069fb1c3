using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace TriggerFlow.Cli;

/// <summary>The standard help page followed by the exit codes, which scripts and CI depend on.</summary>
internal sealed class HelpWithExitCodes(HelpAction standard) : SynchronousCommandLineAction
{
    /// <summary>A <c>--help</c> option, shared by every subcommand, that ends with the exit codes.</summary>
    public static HelpOption CreateOption()
    {
        var option = new HelpOption();
        option.Action = new HelpWithExitCodes((HelpAction)option.Action!);
        return option;
    }

    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = standard.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.Help);
        return exitCode;
    }
}
