using System.Diagnostics.CodeAnalysis;
using NodaTime;
using TriggerFlow.Engine;
using TriggerFlow.Engine.Customers;
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
    private readonly Action<string, Decision> _onDecision;

    // One entry per customer holds both its state and its scheduled wake-up: one lookup per input.
    private readonly Dictionary<string, Customer> _customers = new(StringComparer.Ordinal);
    private readonly WakeUpCalendar<Customer> _wakeUps = new();
    private readonly List<Decision> _decisions = [];
    private readonly CustomerStep _step;

    /// <param name="onDecision">Receives every decision with its customer's id, in the order made.</param>
    public Simulator(DecisionEngine engine, Action<string, Decision> onDecision)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(onDecision);
        _onDecision = onDecision;
        _step = new CustomerStep(engine);
        Customers = new StateView(_customers);
    }

    /// <summary>The virtual clock: the latest time any input or wake-up reached.</summary>
    public Instant Now { get; private set; } = Instant.MinValue;

    public IReadOnlyDictionary<string, CustomerState> Customers { get; }

    /// <summary>Wake-ups filed, stale ones (since rescheduled) included: for measuring the simulator's memory.</summary>
    internal int FiledWakeUps => _wakeUps.Count;

    /// <summary>
    /// Forgets every customer and rewinds the clock, keeping the memory its tables have grown to:
    /// a backtest replays bucket after bucket of customers through one simulator per thread.
    /// </summary>
    internal void Clear()
    {
        _customers.Clear();
        _wakeUps.Clear();
        Now = Instant.MinValue;
    }

    /// <summary>Applies one input to one customer, after waking everyone due before it.</summary>
    public void Apply(string customerId, EngineInput input)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(input);
        AdvanceTo(input.ArrivalTime);
        Run(Of(customerId), input);
    }

    /// <summary>The customer's slot, created on first use: a caller that keeps it applies inputs without looking the id up again.</summary>
    internal Customer Slot(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return Of(customerId);
    }

    /// <summary>Applies one input to the customer in <paramref name="customer"/> (from <see cref="Slot"/>), after waking everyone due before it.</summary>
    internal void Apply(Customer customer, EngineInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        AdvanceTo(input.ArrivalTime);
        Run(customer, input);
    }

    /// <summary>
    /// Links an anonymous visitor to a known customer: the anonymous state is folded into the
    /// known one and forgotten.
    /// </summary>
    public void Merge(string anonymousId, string customerId, Instant at)
    {
        AdvanceTo(at);
        if (anonymousId == customerId || !_customers.Remove(anonymousId, out var anonymous))
        {
            return;
        }

        // A wake-up still filed for the anonymous customer finds it unscheduled and is skipped.
        anonymous.Scheduled = null;
        Run(Of(customerId), new WakeUpInput(at), anonymous.State);
    }

    /// <summary>Wakes every customer whose wake-up is at or before <paramref name="time"/>, in time order.</summary>
    public void AdvanceTo(Instant time)
    {
        while (_wakeUps.TryTakeDue(time, out var customer, out var at))
        {
            if (customer.Scheduled == at)
            {
                customer.Scheduled = null;
                Now = Instant.Max(Now, at);
                Run(customer, new WakeUpInput(at));
            }
        }

        Now = Instant.Max(Now, time);
    }

    /// <summary>One input through the per-customer step every host shares (<see cref="CustomerStep"/>).</summary>
    private void Run(Customer customer, EngineInput input, CustomerState? merged = null)
    {
        // One step and one decisions list, reused for every input this simulator applies.
        _decisions.Clear();
        _step.Apply(customer.State, input, merged, _decisions, out var next);
        for (var i = 0; i < _decisions.Count; i++)
        {
            _onDecision(customer.State.CustomerId, _decisions[i]);
        }

        if (next is { } due)
        {
            if (customer.Scheduled != due)
            {
                customer.Scheduled = due;
                _wakeUps.Schedule(customer, due);
            }
        }
        else
        {
            customer.Scheduled = null;
        }
    }

    private Customer Of(string customerId)
    {
        if (!_customers.TryGetValue(customerId, out var customer))
        {
            customer = new Customer(new CustomerState(customerId));
            _customers[customerId] = customer;
        }

        return customer;
    }

    internal sealed class Customer(CustomerState state)
    {
        public CustomerState State { get; } = state;

        /// <summary>The wake-up filed for this customer; entries filed for another time are stale.</summary>
        public Instant? Scheduled { get; set; }
    }

    /// <summary>The customers' states, read-only, without copying the map.</summary>
    private sealed class StateView(Dictionary<string, Customer> customers) : IReadOnlyDictionary<string, CustomerState>
    {
        public int Count => customers.Count;

        public IEnumerable<string> Keys => customers.Keys;

        public IEnumerable<CustomerState> Values => customers.Values.Select(c => c.State);

        public CustomerState this[string key] => customers[key].State;

        public bool ContainsKey(string key) => customers.ContainsKey(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out CustomerState value)
        {
            var found = customers.TryGetValue(key, out var customer);
            value = customer?.State;
            return found;
        }

        public IEnumerator<KeyValuePair<string, CustomerState>> GetEnumerator() =>
            customers.Select(p => KeyValuePair.Create(p.Key, p.Value.State)).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
