using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.State;

namespace TriggerFlow.Engine.SendGates;

/// <summary>
/// The customer's sends, which the gates count: recorded as each message goes out, and forgotten
/// once no cap or collision can reach them.
/// </summary>
internal static class SentLog
{
    /// <summary>Sends <paramref name="message"/>: recorded for the caps and collisions, then emitted.</summary>
    public static void Send(StepContext step, SendDecision message, int priority, string? capKey, string? window)
    {
        var state = step.State;

        // A rule's caps count firings: the second channel of one firing is not another message of the rule.
        var firstOfFiring = window is null || !Caps.FiringHasSent(state, window);
        state.Sent.Add(new SentMessage(message.Rule, message.Channel, message.At, priority, window));
        if (firstOfFiring)
        {
            state.SentEver[message.Rule] = state.SentEver.GetValueOrDefault(message.Rule) + 1;
            if (capKey is not null)
            {
                state.SentPerKey[capKey] = state.SentPerKey.GetValueOrDefault(capKey) + 1;
            }
        }

        step.Emit(message);
    }

    /// <summary>Forgets sends no cap or collision can reach. Runs after every input: written without closures or LINQ, it does not allocate.</summary>
    public static void Prune(StepContext step)
    {
        // A decision can still be taken as far back as the allowed lateness (a late event fires at its event time),
        // and looks back over the longest cap or the collision interval from there.
        var options = step.Options;
        var capHorizon = step.State.Clock - options.AllowedLateness - Duration.FromSeconds(step.Book.LongestCapSeconds) - options.CollisionInterval;
        var sends = step.State.SentView;
        for (var i = sends.Count - 1; i >= 0; i--)
        {
            if (sends[i].At < capHorizon)
            {
                sends.RemoveAt(i);
            }
        }
    }
}
