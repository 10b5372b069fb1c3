using BenchmarkDotNet.Attributes;
using NodaTime;
using TriggerFlow.Engine;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.State;

namespace TriggerFlow.Benchmarks;

/// <summary>
/// <c>DecisionEngine.Apply</c> per event with 100 rules and a million customers whose states
/// already exist (the host's look-up is not measured). Each invocation applies <see cref="Batch"/>
/// events, each to the next customer in turn, with fresh message ids and a clock that moves on,
/// so nothing is a retry and windows open, restart, cancel and fire as the customers' clocks pass
/// their deadlines. The event records are built in the loop, as a host builds them from its input:
/// "build inputs only" is that share, to subtract.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    public const int Batch = 100_000;
    private const int Customers = 1_000_000;

    private static readonly Instant Start = Instant.FromUtc(2026, 7, 1, 0, 0);
    private static readonly Duration Tick = Duration.FromMilliseconds(2);

    private DecisionEngine _engine = null!;
    private CustomerState[] _states = [];
    private string[] _ids = [];
    private Dictionary<string, object?>[] _touching = [];
    private string[] _touchingNames = [];
    private Dictionary<string, object?> _untouchedProperties = [];
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "triggerflow-bench-engine-rules");
        EngineWorkload.WriteRulesFolder(RulesFolderLocator.Find(), folder, 100);
        _engine = new DecisionEngine(new RuleBook(EngineWorkload.Compile(folder)), new EngineOptions());
        _states = new CustomerState[Customers];
        for (var i = 0; i < Customers; i++)
        {
            _states[i] = new CustomerState(EngineWorkload.CustomerId(i));
        }

        // Message ids are unique per customer; a pool of them keeps id formatting out of the loop.
        _ids = [.. Enumerable.Range(0, 4096).Select(i => "m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var touching = EngineWorkload.Inputs(4096, Customers).Select(i => i.Input).OfType<EventInput>()
            .Where(e => !EngineWorkload.Untouched.Contains(e.Name)).ToList();
        _touching = [.. touching.Select(e => new Dictionary<string, object?>(e.Properties))];
        _touchingNames = [.. touching.Select(e => e.Name)];
        _untouchedProperties = new Dictionary<string, object?> { ["rule_name"] = "eng-001" };
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "Apply: event touching no rule")]
    public int TouchingNoRule()
    {
        var decisions = 0;
        for (var i = 0; i < Batch; i++)
        {
            var (state, id, at) = Next();
            decisions += _engine.Apply(state, new EventInput(id, "message opened", _untouchedProperties, at, at)).Decisions.Count;
        }

        return decisions;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "Apply: event touching rules")]
    public int TouchingRules()
    {
        var decisions = 0;
        for (var i = 0; i < Batch; i++)
        {
            var (state, id, at) = Next();
            var k = (int)(_next % _touching.Length);
            decisions += _engine.Apply(state, new EventInput(id, _touchingNames[k], _touching[k], at, at)).Decisions.Count;
        }

        return decisions;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "build inputs only (baseline)")]
    public int BuildInputsOnly()
    {
        var length = 0;
        for (var i = 0; i < Batch; i++)
        {
            var (state, id, at) = Next();
            length += new EventInput(id, "message opened", _untouchedProperties, at, at).MessageId.Length + state.Windows.Count;
        }

        return length;
    }

    /// <summary>The next customer in turn, a message id new to it, and a clock 2 ms on.</summary>
    private (CustomerState State, string Id, Instant At) Next()
    {
        var n = _next++;
        return (_states[n % Customers], _ids[n / Customers % _ids.Length], Start + Tick * n);
    }
}
