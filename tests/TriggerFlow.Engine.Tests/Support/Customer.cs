using NodaTime;
using NodaTime.Text;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.State;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.Tests.Support;

/// <summary>One customer driven through the engine, with a readable log of what it decided.</summary>
internal sealed class Customer
{
    private readonly DecisionEngine _engine;
    private int _messages;

    public Customer(PlanSet plans, EngineOptions? options = null, string id = "mary")
        : this(new DecisionEngine(new RuleBook(plans), options ?? new EngineOptions()), id)
    {
    }

    public Customer(DecisionEngine engine, string id = "mary")
    {
        _engine = engine;
        State = new CustomerState(id);
    }

    public CustomerState State { get; }

    public List<Decision> Decisions { get; } = [];

    public IEnumerable<SendDecision> Sends => Decisions.OfType<SendDecision>();

    public IEnumerable<Suppressed> Suppressions => Decisions.OfType<Suppressed>();

    public static Instant At(string iso) => InstantPattern.ExtendedIso.Parse(iso).GetValueOrThrow();

    public EngineResult Event(string name, string eventTime, params (string Key, object? Value)[] properties) =>
        Event(name, At(eventTime), At(eventTime), properties);

    public EngineResult Event(string name, Instant eventTime, Instant arrival, params (string Key, object? Value)[] properties) =>
        Apply(new EventInput($"m{++_messages}", name, properties.ToDictionary(p => p.Key, p => p.Value), eventTime, arrival));

    public EngineResult Profile(string arrival, params (string Key, object? Value)[] traits) =>
        Apply(new ProfileInput(null, traits.ToDictionary(t => t.Key, t => t.Value), new Dictionary<string, bool>(), At(arrival)));

    public EngineResult Consent(string arrival, string channel, bool granted) =>
        Apply(new ProfileInput(null, new Dictionary<string, object?>(), new Dictionary<string, bool> { [channel] = granted }, At(arrival)));

    public EngineResult WakeUp(string at) => WakeUp(At(at));

    public EngineResult WakeUp(Instant at) => Apply(new WakeUpInput(at));

    /// <summary>Wakes the customer at every wake-up the engine asks for, up to <paramref name="until"/>.</summary>
    public void RunUntil(string until)
    {
        var end = At(until);
        while (_engine.NextWakeUp(State) is { } next && next <= end)
        {
            WakeUp(next);
        }

        WakeUp(end);
    }

    public EngineResult Apply(EngineInput input)
    {
        var result = _engine.Apply(State, input);
        Decisions.AddRange(result.Decisions);
        return result;
    }
}
