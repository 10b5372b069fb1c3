using TriggerFlow.Language.Diagnostics;

namespace TriggerFlow.Simulation.Scenarios;

/// <summary>How one scenario ended.</summary>
public enum ScenarioOutcome
{
    Passed,
    Failed,

    /// <summary>The scenario has errors (see the file's diagnostics), so it was not run.</summary>
    NotRun,
}

/// <summary>An expectation that did not hold: the line as written and what the engine decided instead.</summary>
/// <param name="Actual">What was decided, one line per decision; "nothing …" when there was none.</param>
/// <param name="Customers">Whose timelines explain the failure.</param>
public sealed record ExpectationFailure(int Line, string Expected, IReadOnlyList<string> Actual, IReadOnlyList<string> Customers);

/// <summary>One scenario's result.</summary>
/// <param name="Line">The line of its <c>scenario "name"</c>.</param>
/// <param name="Timelines">Each customer's inputs and decisions in the order they happened, times in the scenario's zone.</param>
/// <param name="Zone">The zone the timelines' times are written in.</param>
public sealed record ScenarioResult(
    string Name,
    string Path,
    int Line,
    ScenarioOutcome Outcome,
    IReadOnlyList<ExpectationFailure> Failures,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Timelines,
    string Zone)
{
    public bool Passed => Outcome == ScenarioOutcome.Passed;
}

/// <summary>The results of one <c>.scenario</c> file.</summary>
/// <param name="Diagnostics">Problems found in the file; a scenario with an error is not run.</param>
public sealed record ScenarioFileResult(string Path, string Text, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<ScenarioResult> Scenarios);
