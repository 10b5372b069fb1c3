using System.CommandLine;
using TriggerFlow.Cli.Output;
using TriggerFlow.Cli.Reporting;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Cli.Commands;

/// <summary><c>triggerflow compile</c>: checks the rules and writes their plans, all or nothing.</summary>
internal sealed class CompileCommand : Command
{
    private readonly CliContext _context;
    private readonly Argument<string[]> _paths = CommandArguments.Paths();
    private readonly Option<string?> _out = new("--out")
    {
        Description = "Folder to write the plans to, replacing its contents (default: print them to stdout).",
    };

    private readonly Option<string> _emit = CreateEmitOption();

    public CompileCommand(CliContext context)
        : base("compile", "Check the rules, then compile them into plans. Nothing is written when any rule has an error.")
    {
        _context = context;
        Arguments.Add(_paths);
        Options.Add(_out);
        Options.Add(_emit);
        SetAction(Run);
    }

    private int Run(ParseResult parsed)
    {
        if (!WorkspaceReader.TryRead(_context, CommandArguments.PathsOrDefault(parsed, _paths), out var load))
        {
            return ExitCodes.UsageOrIoError;
        }

        // Plans are for the whole set, so every problem in it is shown: any error blocks the output.
        var result = RuleCompiler.Compile(load.Set);
        if (result.Diagnostics.Count > 0)
        {
            // stderr, because stdout may be carrying the plans.
            DiagnosticReport.WriteText(_context.Error, load.Set, result.Diagnostics, _context.UseColour);
        }

        if (result.Plans is null)
        {
            _context.Error.WriteLine("nothing written: fix the errors above and compile again");
            return ExitCodes.RuleErrors;
        }

        var files = PlanFiles.For(result.Plans, parsed.GetValue(_emit)!);
        return parsed.GetValue(_out) is { } folder ? WriteFolder(folder, files) : Print(files);
    }

    private int WriteFolder(string folder, IReadOnlyList<PlanFile> files)
    {
        var target = _context.Resolve(folder);
        if (File.Exists(target))
        {
            _context.Error.WriteLine($"error: `{folder}` is a file; --out needs a folder");
            return ExitCodes.UsageOrIoError;
        }

        AtomicFolder.Replace(target, files);
        _context.Out.WriteLine($"wrote {files.Count} {(files.Count == 1 ? "file" : "files")} to {folder.Replace('\\', '/')}");
        return ExitCodes.Ok;
    }

    private int Print(IReadOnlyList<PlanFile> files)
    {
        // One document on stdout: the set holds every rule plan already, so the per-rule files are not repeated.
        _context.Out.WriteLine(files[0].Json);
        return ExitCodes.Ok;
    }

    private static Option<string> CreateEmitOption()
    {
        var emit = new Option<string>("--emit")
        {
            Description = "What to write: plan (the rule plans the engine runs) or rulesengine (each audience as a Microsoft RulesEngine workflow).",
            DefaultValueFactory = _ => PlanFiles.Plan,
        };
        emit.AcceptOnlyFromAmong(PlanFiles.Plan, PlanFiles.RulesEngine);
        return emit;
    }
}
