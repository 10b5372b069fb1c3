using TriggerFlow.Engine;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Scenarios;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Simulation.Scenarios;

/// <summary>
/// Runs <c>.scenario</c> files against one compiled rules folder: parses and checks each file,
/// then plays each scenario that has no error through the engine and matches its expectations.
/// Deterministic: the same rules and file always give the same results.
/// </summary>
public sealed class ScenarioRunner
{
    private readonly EventCatalog _catalog;
    private readonly PlanSet _plans;

    public ScenarioRunner(EventCatalog catalog, PlanSet plans)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(plans);
        _catalog = catalog;
        _plans = plans;
    }

    /// <summary>Runs the scenarios of one file; never throws on any text.</summary>
    public ScenarioFileResult Run(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var parsed = ScenarioParser.Parse(path, text);
        var diagnostics = parsed.Diagnostics.Concat(ScenarioChecker.Check(parsed.File, _catalog, _plans)).ToList();
        var scenarios = parsed.File.Scenarios;
        var results = new List<ScenarioResult>(scenarios.Count);
        for (var i = 0; i < scenarios.Count; i++)
        {
            var lastLine = i + 1 < scenarios.Count ? scenarios[i + 1].Span.Line - 1 : int.MaxValue;
            results.Add(Run(path, text, scenarios[i], lastLine, diagnostics));
        }

        var ordered = diagnostics.OrderBy(d => d.Span.Line).ThenBy(d => d.Span.Column).ToList();
        return new ScenarioFileResult(path, text, ordered, results);
    }

    private ScenarioResult Run(string path, string text, ScenarioSyntax scenario, int lastLine, List<Diagnostic> diagnostics)
    {
        var times = ScenarioTimes.Resolve(path, scenario, diagnostics);
        CheckTimeZoneTraits(path, scenario, diagnostics);
        var hasErrors = diagnostics.Any(d => d.IsError && (d.Span.IsNone || (d.Span.Line >= scenario.Span.Line && d.Span.Line <= lastLine)));
        if (hasErrors || times is null)
        {
            return new ScenarioResult(scenario.Name.Value, path, scenario.Span.Line, ScenarioOutcome.NotRun, [], new Dictionary<string, IReadOnlyList<string>>(), "UTC");
        }

        return new ScenarioRun(path, text, scenario, times, _plans).Run();
    }

    /// <summary>The engine quietly falls back to UTC for an unknown zone; in a test that would hide a typo.</summary>
    private static void CheckTimeZoneTraits(string path, ScenarioSyntax scenario, List<Diagnostic> diagnostics)
    {
        var trait = new EngineOptions().TimeZoneTrait;
        var zones = scenario.Steps.OfType<IdentifyStep>().SelectMany(s => s.Traits).Where(t => t.Name.Text == trait).Select(t => t.Value).OfType<StringValue>();
        foreach (var zone in zones)
        {
            ScenarioTimes.ZoneNamed(path, zone.Value, zone.Span, diagnostics);
        }
    }
}
