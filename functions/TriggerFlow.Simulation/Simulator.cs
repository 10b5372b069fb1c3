using NodaTime;
using TriggerFlow.Engine;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.State;

namespace TriggerFlow.Simulation;

/// <summary>
/// Runs the engine over a timeline of many customers on a virtual clock: before each input at
/// time t, every customer whose wake-up falls at or before t is woken, in time order. Scenario
/// tests, the backtest and explain all drive the engine through this one loop, the same way the
/// live runtime drives it through durable wake-ups.
/// </summary>
public sealed class Simulator
{
    private readonly DecisionEngine _engine;
    private readonly Action<string, Decision> _onDecision;
    private readonly Dictionary<string, CustomerState> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Instant> _scheduled = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, Instant> _wakeUps = new();

    /// <param name="onDecision">Receives every decision with its customer's id, in the order made.</param>
    public Simulator(DecisionEngine engine, Action<string, Decision> onDecision)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(onDecision);
        _engine = engine;
        _onDecision = onDecision;
    }

    /// <summary>The virtual clock: the latest time any input or wake-up reached.</summary>
    public Instant Now { get; private set; } = Instant.MinValue;

    public IReadOnlyDictionary<string, CustomerState> Customers => _customers;

    /// <summary>Applies one input to one customer, after waking everyone due before it.</summary>
    public void Apply(string customerId, EngineInput input)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(input);
        AdvanceTo(input.ArrivalTime);
        Run(customerId, input);
    }

    /// <summary>
    /// Links an anonymous visitor to a known customer: the anonymous state is folded into the
    /// known one and forgotten.
    /// </summary>
    public void Merge(string anonymousId, string customerId, Instant at)
    {
        AdvanceTo(at);
        if (!_customers.Remove(anonymousId, out var anonymous) || anonymousId == customerId)
        {
            return;
        }

        _scheduled.Remove(anonymousId);
        DecisionEngine.Merge(State(customerId), anonymous);
        Run(customerId, new WakeUpInput(at));
    }

    /// <summary>Wakes every customer whose wake-up is at or before <paramref name="time"/>, in time order.</summary>
    public void AdvanceTo(Instant time)
    {
        while (_wakeUps.TryPeek(out var customerId, out var at) && at <= time)
        {
            _wakeUps.Dequeue();
            if (_scheduled.TryGetValue(customerId, out var current) && current == at)
            {
                _scheduled.Remove(customerId);
                Now = Instant.Max(Now, at);
                Run(customerId, new WakeUpInput(at));
            }
        }

        Now = Instant.Max(Now, time);
    }

    private void Run(string customerId, EngineInput input)
    {
        var result = _engine.Apply(State(customerId), input);
        foreach (var decision in result.Decisions)
        {
            _onDecision(customerId, decision);
        }

        if (result.NextWakeUp is { } next && (!_scheduled.TryGetValue(customerId, out var known) || known != next))
        {
            _scheduled[customerId] = next;
            _wakeUps.Enqueue(customerId, next);
        }
        else if (result.NextWakeUp is null)
        {
            _scheduled.Remove(customerId);
        }
    }

    private CustomerState State(string customerId)
    {
        if (!_customers.TryGetValue(customerId, out var state))
        {
            state = new CustomerState(customerId);
            _customers[customerId] = state;
        }

        return state;
    }
}
