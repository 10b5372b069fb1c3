using System.Text.Json;
using NodaTime;
using TriggerFlow.Engine;
using TriggerFlow.Engine.Customers;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.State;
using TriggerFlow.Runtime.Delivery;
using TriggerFlow.Runtime.Deployment;
using TriggerFlow.Runtime.Storage;
using TriggerFlow.Runtime.Storage.Json;

namespace TriggerFlow.Runtime.Orchestration;

/// <summary>
/// One customer's durable orchestration, kept thin: load the state, apply inputs through the
/// engine, persist once, re-arm one reminder for the earliest deadline, hand new sends to the
/// outbox dispatcher. Every activation applies a wake-up at the current time first, because a
/// reminder missed while the silo was down fires only at a period boundary after the restart.
/// </summary>
internal sealed partial class CustomerGrain(
    [PersistentState("customer", StorageExtensions.ProviderName)] IPersistentState<CustomerGrainState> store,
    IRuleBookProvider rules,
    IOutboxDispatcher dispatcher,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain, IRemindable
{
    private readonly WakeUpReminder _reminder = new();

    private string CustomerId => this.GetPrimaryKeyString();

    private CustomerGrainState State => store.State;

    private Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        State.Customer is { } customer && (customer.Windows.Count > 0 || customer.Held.Count > 0) || State.Outbox.Count > 0
            ? WakeUpAsync(tick: false)
            : Task.CompletedTask;

    public Task ReceiveReminder(string reminderName, TickStatus status) => WakeUpAsync(tick: true);

    public async Task<IngestReceipt> Ingest(IReadOnlyList<CustomerInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var step = new CustomerStep(rules.Engine);
        var outcomes = new List<IngestOutcome>(inputs.Count);
        var sends = new List<OutboundMessage>();
        await ChangeAsync(async () =>
        {
            foreach (var input in inputs)
            {
                outcomes.Add(await ApplyAsync(step, input, sends));
            }

            return outcomes.Contains(IngestOutcome.Accepted) || outcomes.Contains(IngestOutcome.Late);
        });
        await _reminder.ArmAsync(this, Due(step.Engine), Now, tick: false);
        Dispatch(sends);
        return new IngestReceipt(outcomes);
    }

    public async Task Acknowledge(IReadOnlyList<string> idempotencyKeys)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKeys);
        var keys = idempotencyKeys.ToHashSet(StringComparer.Ordinal);
        await ChangeAsync(() => Task.FromResult(State.Outbox.RemoveAll(m => keys.Contains(m.IdempotencyKey)) > 0));
        await _reminder.ArmAsync(this, Due(rules.Engine), Now, tick: false);
    }

    public async Task<string?> HandOver(string into, string messageId)
    {
        if (State.HandedOver is { } earlier && earlier.Into == into && earlier.MessageId == messageId)
        {
            return earlier.StateJson;
        }

        if (State.Customer is not { } customer)
        {
            return null;
        }

        var json = JsonSerializer.Serialize(customer, StorageJson.Options);
        await ChangeAsync(() =>
        {
            State.Customer = null;
            State.HandedOver = new HandOverRecord(into, messageId, json);
            return Task.FromResult(true);
        });
        await _reminder.ArmAsync(this, Due(rules.Engine), Now, tick: false);
        return json;
    }

    public Task<CustomerSnapshot> Inspect()
    {
        var customer = State.Customer ?? new CustomerState(CustomerId);
        return Task.FromResult(new CustomerSnapshot(
            CustomerId,
            JsonSerializer.Serialize(customer, StorageJson.Options),
            [.. State.RecentDecisions],
            rules.Engine.NextWakeUp(customer)?.ToDateTimeOffset(),
            store.RecordExists));
    }

    private async Task WakeUpAsync(bool tick)
    {
        var step = new CustomerStep(rules.Engine);
        var now = Now;
        var sends = new List<OutboundMessage>();
        if (State.Customer is { } customer && (customer.Windows.Count > 0 || customer.Held.Count > 0))
        {
            _reminder.Fired(step.Engine.NextWakeUp(customer), now);
            await ChangeAsync(() =>
            {
                Apply(step, customer, new WakeUpInput(now), null, sends, out var decided);
                return Task.FromResult(decided);
            });
        }

        await _reminder.ArmAsync(this, Due(step.Engine), now, tick);

        // Everything still in the outbox goes again: entries whose delivery failed or was cut short by a crash.
        Dispatch(State.Outbox);
    }

    /// <summary>One input through the per-customer step every host shares; an identity merge first fetches the anonymous state.</summary>
    private async Task<IngestOutcome> ApplyAsync(CustomerStep step, CustomerInput input, List<OutboundMessage> sends)
    {
        var customer = State.Customer ??= new CustomerState(CustomerId);
        if (CustomerStep.IsDuplicate(customer, input.Input))
        {
            return IngestOutcome.Duplicate;
        }

        var merged = input.PreviousId is { Length: > 0 } previous && previous != CustomerId
            ? await HandedOverAsync(previous, input.MessageId)
            : null;
        return Apply(step, customer, input.Input, merged, sends, out _) switch
        {
            StepOutcome.Duplicate => IngestOutcome.Duplicate,
            StepOutcome.Late => IngestOutcome.Late,
            _ => IngestOutcome.Accepted,
        };
    }

    /// <param name="decided">True when the step decided anything (so there is something to persist).</param>
    private StepOutcome Apply(CustomerStep step, CustomerState customer, EngineInput input, CustomerState? merged, List<OutboundMessage> sends, out bool decided)
    {
        var decisions = new List<Decision>();
        var outcome = step.Apply(customer, input, merged, decisions, out _);
        decided = Record(decisions, sends);
        return outcome;
    }

    /// <summary>The anonymous customer's state, handed over to this one (null when it has none).</summary>
    private async Task<CustomerState?> HandedOverAsync(string anonymousId, string messageId)
    {
        var json = await GrainFactory.GetGrain<ICustomerGrain>(anonymousId).HandOver(CustomerId, messageId);
        var anonymous = json is null ? null : JsonSerializer.Deserialize<CustomerState>(json, StorageJson.Options);
        if (anonymous is not null)
        {
            LogMerged(logger, anonymous.Windows.Count);
        }

        return anonymous;
    }

    /// <summary>Logs the decisions and puts the sends in the outbox; true when there was anything to persist.</summary>
    private bool Record(IReadOnlyList<Decision> decisions, List<OutboundMessage> sends)
    {
        var fresh = decisions.OfType<SendDecision>().Select(s => OutboxEntries.From(CustomerId, s)).ToList();
        State.Outbox.AddRange(fresh);
        sends.AddRange(fresh);
        DecisionLog.Append(State.RecentDecisions, decisions);
        return decisions.Count > 0;
    }

    /// <summary>
    /// Applies a change to the state and persists it in one write. If the write fails the in-memory
    /// state is thrown away and read again, so nothing that is not durable is ever acted on.
    /// </summary>
    private async Task ChangeAsync(Func<Task<bool>> change)
    {
        try
        {
            if (await change())
            {
                await store.WriteStateAsync();
            }
        }
        catch
        {
            await store.ReadStateAsync();
            throw;
        }
    }

    /// <summary>When the grain must next wake: the engine's earliest deadline or, with sends still undelivered, a retry.</summary>
    private WakeUpReminder.Due Due(DecisionEngine engine) =>
        new(State.Customer is { } customer ? engine.NextWakeUp(customer) : null, State.Outbox.Count > 0);

    private void Dispatch(IReadOnlyList<OutboundMessage> messages)
    {
        if (messages.Count > 0)
        {
            dispatcher.Dispatch(CustomerId, [.. messages]);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Merged an anonymous customer's state ({Windows} open windows)")]
    private static partial void LogMerged(ILogger logger, int windows);
}
