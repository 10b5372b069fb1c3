using System.CommandLine;
using TriggerFlow.Cli.Reporting;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Scenarios;
using TriggerFlow.Language.Workspace;
using TriggerFlow.Simulation.Scenarios;

namespace TriggerFlow.Cli.Commands;

/// <summary>
/// <c>triggerflow test</c>: runs the scenario tests (<c>*.scenario</c>) against the rules folder
/// that holds them, compiled once per folder, and prints PASS or FAIL per scenario with the
/// difference between what was expected and what the engine decided.
/// </summary>
internal sealed class TestCommand : Command
{
    private readonly CliContext _context;
    private readonly Argument<string[]> _paths = new("paths")
    {
        Description = "Scenario files, or folders to search for *.scenario (default: rules). Each runs against the rules folder holding it.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public TestCommand(CliContext context)
        : base("test", "Run the scenario tests (*.scenario) against the rules.")
    {
        _context = context;
        Arguments.Add(_paths);
        SetAction(Run);
    }

    private int Run(ParseResult parsed)
    {
        if (!TryFindScenarios(CommandArguments.PathsOrDefault(parsed, _paths), out var files))
        {
            return ExitCodes.UsageOrIoError;
        }

        var results = new List<ScenarioResult>();
        var clean = true;
        foreach (var folder in files.GroupBy(f => RuleWorkspace.FindRoot(f)!, StringComparer.Ordinal))
        {
            if (!TryCompile(folder.Key, out var runner))
            {
                clean = false;
                continue;
            }

            foreach (var file in folder)
            {
                clean &= RunFile(runner, file, results);
            }
        }

        _context.Out.WriteLine(ScenarioReport.Summary(results));
        return clean && results.All(r => r.Passed) ? ExitCodes.Ok : ExitCodes.RuleErrors;
    }

    private bool RunFile(ScenarioRunner runner, string file, List<ScenarioResult> results)
    {
        var result = runner.Run(RuleWorkspace.Display(file), File.ReadAllText(file));
        if (result.Diagnostics.Count > 0)
        {
            _context.Out.Write(DiagnosticRenderer.Text(result.Diagnostics, p => p == result.Path ? result.Text : null, _context.UseColour));
        }

        foreach (var scenario in result.Scenarios)
        {
            _context.Out.Write(ScenarioReport.Text(scenario, _context.UseColour));
        }

        results.AddRange(result.Scenarios);
        return !result.Diagnostics.Any(d => d.IsError);
    }

    private bool TryCompile(string root, out ScenarioRunner runner)
    {
        runner = null!;
        if (!WorkspaceReader.TryRead(_context, [root], out var load))
        {
            return false;
        }

        var compiled = RuleCompiler.Compile(load.Set);
        if (compiled.Plans is null)
        {
            DiagnosticReport.WriteText(_context.Out, load.Set, compiled.Diagnostics.Where(d => d.IsError).ToList(), _context.UseColour);
            _context.Out.WriteLine($"the scenarios in `{load.Root}` were not run: the rules have errors");
            return false;
        }

        runner = new ScenarioRunner(load.Set.Catalog, compiled.Plans);
        return true;
    }

    /// <summary>The scenario files under <paramref name="paths"/>, in path order; false (reported) when a path is wrong.</summary>
    private bool TryFindScenarios(IReadOnlyList<string> paths, out List<string> files)
    {
        files = [];
        foreach (var path in paths)
        {
            var resolved = _context.Resolve(path);
            if (Directory.Exists(resolved))
            {
                files.AddRange(Directory.EnumerateFiles(resolved, "*" + ScenarioParser.Extension, SearchOption.AllDirectories));
            }
            else if (File.Exists(resolved) && resolved.EndsWith(ScenarioParser.Extension, StringComparison.Ordinal))
            {
                files.Add(resolved);
            }
            else
            {
                return Usage(File.Exists(resolved) ? $"`{path}` is not a {ScenarioParser.Extension} file" : $"`{path}` does not exist");
            }
        }

        files = files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return Usage($"no {ScenarioParser.Extension} files in {string.Join(", ", paths.Select(p => $"`{p}`"))}");
        }

        var orphan = files.FirstOrDefault(f => RuleWorkspace.FindRoot(f) is null);
        return orphan is null || Usage($"no {EventCatalog.FileName} found above `{RuleWorkspace.Display(orphan)}`; a scenario runs against the rules folder that holds it");
    }

    private bool Usage(string message)
    {
        _context.Error.WriteLine($"error: {message}");
        return false;
    }
}
