using System.Text.Json;
using NodaTime;
using TriggerFlow.Engine;
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
        var engine = rules.Engine;
        var catalog = rules.Catalog;
        var outcomes = new List<IngestOutcome>(inputs.Count);
        var sends = new List<OutboundMessage>();
        await ChangeAsync(async () =>
        {
            foreach (var input in inputs)
            {
                outcomes.Add(await ApplyAsync(engine, input, catalog, sends));
            }

            return outcomes.Contains(IngestOutcome.Accepted) || outcomes.Contains(IngestOutcome.Late);
        });
        await _reminder.ArmAsync(this, Due(engine), Now, tick: false);
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
        var engine = rules.Engine;
        var now = Now;
        var sends = new List<OutboundMessage>();
        if (State.Customer is { } customer && (customer.Windows.Count > 0 || customer.Held.Count > 0))
        {
            _reminder.Fired(engine.NextWakeUp(customer), now);
            await ChangeAsync(() => Task.FromResult(Record(engine.Apply(customer, new WakeUpInput(now)).Decisions, sends)));
        }

        await _reminder.ArmAsync(this, Due(engine), now, tick);

        // Everything still in the outbox goes again: entries whose delivery failed or was cut short by a crash.
        Dispatch(State.Outbox);
    }

    private async Task<IngestOutcome> ApplyAsync(DecisionEngine engine, CustomerInput input, Language.Catalog.EventCatalog catalog, List<OutboundMessage> sends)
    {
        var customer = State.Customer ??= new CustomerState(CustomerId);
        if (customer.Seen.Contains(input.MessageId))
        {
            return IngestOutcome.Duplicate;
        }

        if (input is { Kind: CustomerInputKind.Identify, PreviousId: { Length: > 0 } previous } && previous != CustomerId)
        {
            await MergeAsync(customer, previous, input.MessageId);
        }

        var result = engine.Apply(customer, InputTyping.ToEngineInput(input, catalog, logger));
        Record(result.Decisions, sends);
        return result.Decisions.Any(d => d is LateEventIgnored) ? IngestOutcome.Late : IngestOutcome.Accepted;
    }

    private async Task MergeAsync(CustomerState customer, string anonymousId, string messageId)
    {
        var json = await GrainFactory.GetGrain<ICustomerGrain>(anonymousId).HandOver(CustomerId, messageId);
        if (json is not null && JsonSerializer.Deserialize<CustomerState>(json, StorageJson.Options) is { } anonymous)
        {
            DecisionEngine.Merge(customer, anonymous);
            LogMerged(logger, anonymous.Windows.Count);
        }
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
