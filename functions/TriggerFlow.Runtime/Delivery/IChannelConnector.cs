namespace TriggerFlow.Runtime.Delivery;

/// <summary>
/// Hands one message to a provider. Returns only once the provider has accepted it; throws when
/// it has not (the dispatcher retries with the connector's own resilience pipeline, then leaves
/// the message in the outbox for the customer's next wake-up).
/// </summary>
public interface IChannelConnector
{
    Task DeliverAsync(OutboundMessage message, CancellationToken ct);
}
