using System.Collections.Concurrent;
using System.Threading.Channels;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Delivery;

/// <summary>Takes a customer's persisted outbox entries for delivery; never blocks the grain.</summary>
public interface IOutboxDispatcher
{
    void Dispatch(string customerId, IReadOnlyList<OutboundMessage> messages);
}

/// <summary>
/// Drains outbox entries to their channels. For each message: if the ledger already holds its key it
/// was delivered before (only the acknowledgement was lost) and is not sent again; otherwise the
/// channel's connector delivers it and the ledger records the key. Then the customer's grain is told
/// to drop the delivered keys. A message that still fails after its retries stays in the outbox:
/// the grain keeps a reminder and hands it over again on its next wake-up.
/// </summary>
internal sealed partial class OutboxDispatcher(
    ChannelConnectors channels,
    IDeliveryLedger ledger,
    IGrainFactory grains,
    DeliveryOptions options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService, IOutboxDispatcher
{
    private readonly Channel<(string CustomerId, OutboundMessage[] Messages)> _queue =
        Channel.CreateUnbounded<(string, OutboundMessage[])>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });

    // A key handed over again (a reminder tick while the first dispatch is still running) is not
    // delivered concurrently: the ledger alone could not stop two attempts racing past its check.
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    public void Dispatch(string customerId, IReadOnlyList<OutboundMessage> messages)
    {
        var fresh = messages.Where(m => _inFlight.TryAdd(m.IdempotencyKey, 0)).ToArray();
        if (fresh.Length > 0 && !_queue.Writer.TryWrite((customerId, fresh)))
        {
            Release(fresh);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => DrainAsync(stoppingToken)));

    private async Task DrainAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (customerId, messages) in _queue.Reader.ReadAllAsync(ct))
            {
                await DeliverAsync(customerId, messages, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: undelivered entries are still in their outboxes and go out after the restart.
        }
    }

    private async Task DeliverAsync(string customerId, OutboundMessage[] messages, CancellationToken ct)
    {
        var delivered = new List<string>(messages.Length);
        try
        {
            foreach (var message in messages)
            {
                if (await TryDeliverAsync(message, ct))
                {
                    delivered.Add(message.IdempotencyKey);
                }
            }

            if (delivered.Count > 0)
            {
                await grains.GetGrain<ICustomerGrain>(customerId).Acknowledge(delivered);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The keys are in the ledger: the next hand-over acknowledges them without sending.
            LogAcknowledgeFailed(logger, e, delivered.Count);
        }
        finally
        {
            Release(messages);
        }
    }

    private async Task<bool> TryDeliverAsync(OutboundMessage message, CancellationToken ct)
    {
        if (await ledger.ContainsAsync(message.IdempotencyKey, ct))
        {
            return true;
        }

        try
        {
            await channels.DeliverAsync(message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogDeliveryFailed(logger, e, message.Channel, message.Rule, message.IdempotencyKey);
            return false;
        }

        await ledger.RecordAsync(message.IdempotencyKey, time.GetUtcNow(), ct);
        return true;
    }

    private void Release(IEnumerable<OutboundMessage> messages)
    {
        foreach (var message in messages)
        {
            _inFlight.TryRemove(message.IdempotencyKey, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery by {Channel} for rule {Rule} (key {Key}) failed after its retries; it stays in the outbox for the next wake-up")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string channel, string rule, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} delivered messages could not be acknowledged to their customer; the ledger stops them being sent again")]
    private static partial void LogAcknowledgeFailed(ILogger logger, Exception exception, int count);
}
