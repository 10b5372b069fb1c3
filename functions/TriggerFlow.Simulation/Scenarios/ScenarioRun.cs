using NodaTime;
using TriggerFlow.Engine;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Scenarios;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Simulation.Scenarios;

/// <summary>
/// Plays one scenario through the <see cref="Simulator"/>: each step at its time, each
/// expectation against the decisions made by then. Draft rules run, so they can be tested
/// before review.
/// </summary>
internal sealed class ScenarioRun
{
    private readonly string _path;
    private readonly string[] _lines;
    private readonly ScenarioSyntax _scenario;
    private readonly ScenarioTimes _times;
    private readonly Simulator _simulator;
    private readonly ExpectationMatcher _matcher;
    private readonly List<CustomerDecision> _decisions = [];
    private readonly Dictionary<string, List<string>> _timelines = new(StringComparer.Ordinal);
    private readonly List<ExpectationFailure> _failures = [];

    public ScenarioRun(string path, string text, ScenarioSyntax scenario, ScenarioTimes times, PlanSet plans)
    {
        _path = path;
        _lines = text.ReplaceLineEndings("\n").Split('\n');
        _scenario = scenario;
        _times = times;
        var underTest = scenario.Rules?.Select(r => r.Text).ToHashSet(StringComparer.Ordinal);
        var rules = underTest is null ? plans : plans with { Rules = plans.Rules.Where(r => underTest.Contains(r.Name)).ToList() };
        var engine = new DecisionEngine(new RuleBook(rules), new EngineOptions { IncludeDraftRules = true });
        _simulator = new Simulator(engine, (customer, decision) =>
        {
            _decisions.Add(new CustomerDecision(customer, decision));
            Log(customer, decision.At, DecisionText.Describe(decision, times.Zone));
        });
        _matcher = new ExpectationMatcher(times);
    }

    public ScenarioResult Run()
    {
        for (var i = 0; i < _scenario.Steps.Count; i++)
        {
            Step(_scenario.Steps[i], _times.StepTimes[i]);
        }

        var timelines = _timelines.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value, StringComparer.Ordinal);
        var outcome = _failures.Count == 0 ? ScenarioOutcome.Passed : ScenarioOutcome.Failed;
        return new ScenarioResult(_scenario.Name.Value, _path, _scenario.Span.Line, outcome, _failures, timelines, _times.Zone.Id);
    }

    private void Step(StepSyntax step, Instant at)
    {
        _simulator.AdvanceTo(at);
        switch (step)
        {
            case EventStep e:
                Apply(e, new EventInput(MessageId(e), e.Event.Text, Values(e.Properties), at, at));
                break;
            case IdentifyStep i:
                Apply(i, new ProfileInput(MessageId(i), Values(i.Traits), new Dictionary<string, bool>(), at));
                break;
            case ConsentStep c:
                Apply(c, new ProfileInput(MessageId(c), new Dictionary<string, object?>(), new Dictionary<string, bool> { [c.Channel.Text] = c.Granted }, at));
                break;
            case Expectation expectation when _matcher.Check(expectation, _decisions, at) is var (actual, customers):
                _failures.Add(new ExpectationFailure(expectation.Span.Line, SourceLine(expectation.Span), actual, customers));
                break;
        }
    }

    private void Apply(CustomerStep step, EngineInput input)
    {
        // From the customer on: the time prefix is in the timeline's first column already.
        var text = _lines[step.Span.Line - 1][(step.Customer.Span.Column - 1)..].Trim();
        Log(step.Customer.Text, input.ArrivalTime, $"{text}  (line {step.Span.Line})");
        _simulator.Apply(step.Customer.Text, input);
    }

    private void Log(string customer, Instant at, string text)
    {
        if (!_timelines.TryGetValue(customer, out var timeline))
        {
            timeline = [];
            _timelines[customer] = timeline;
        }

        timeline.Add($"{ScenarioTimes.Format(at, _times.Zone)}  {text}");
    }

    /// <summary>The line names the input, so a cancelled window says which line cancelled it.</summary>
    private static string MessageId(StepSyntax step) => $"line {step.Span.Line}";

    private string SourceLine(SourceSpan span) => span.Line <= _lines.Length ? _lines[span.Line - 1].Trim() : "";

    private Dictionary<string, object?> Values(IReadOnlyList<AssignmentSyntax> assignments) =>
        assignments.ToDictionary(a => a.Name.Text, a => Value(a.Value), StringComparer.Ordinal);

    private object? Value(ValueSyntax value) => value switch
    {
        StringValue s => s.Value,
        NumberValue n => n.Value,
        BooleanValue b => b.Value,
        DateValue d => LocalDate.FromDateOnly(d.Value),
        DateTimeValue dt => _times.ToInstant(new DateTimeSyntax(dt.Date, dt.Time, dt.Span)),
        ListValue l => l.Items.OfType<StringValue>().Select(i => i.Value).ToArray(),
        _ => null,
    };
}
