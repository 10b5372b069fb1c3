using TriggerFlow.Engine.State;
using TriggerFlow.Runtime.Contacts;
using TriggerFlow.Runtime.Delivery;

namespace TriggerFlow.Runtime.Orchestration;

/// <summary>
/// What one customer's grain persists, in one write: the engine's state, the outbox of sends not
/// yet delivered, and a short log of recent decisions for the live explain. Plain properties only:
/// the grain storage serializes it as JSON.
/// </summary>
internal sealed class CustomerGrainState
{
    /// <summary>The engine's state; null until the customer's first input (or after a hand-over).</summary>
    public CustomerState? Customer { get; set; }

    /// <summary>Sends decided but not yet acknowledged by the dispatcher, in decision order.</summary>
    public List<OutboundMessage> Outbox { get; set; } = [];

    /// <summary>The last <see cref="DecisionLog.Capacity"/> decisions as one-line texts, newest last.</summary>
    public List<string> RecentDecisions { get; set; } = [];

    /// <summary>The last hand-over of this (anonymous) customer's state to a known one, kept so a retried identify gets the same state.</summary>
    public HandOverRecord? HandedOver { get; set; }

    /// <summary>The customer's browser and mobile push subscriptions, least recently posted first; see <see cref="PushSubscriptionList"/>.</summary>
    public List<PushSubscription> PushSubscriptions { get; set; } = [];
}

/// <summary>An anonymous customer's state as it was handed to <paramref name="Into"/> by the identify <paramref name="MessageId"/>.</summary>
internal sealed record HandOverRecord(string Into, string MessageId, string StateJson);
