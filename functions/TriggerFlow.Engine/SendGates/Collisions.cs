using NodaTime;
using TriggerFlow.Engine.State;

namespace TriggerFlow.Engine.SendGates;

/// <summary>
/// Two rules' messages too close together collide: within the collision interval after another
/// rule's send, a message loses to it. Which rule sends first at one instant is settled by the
/// order due work is decided in (<see cref="Firing.Arbitration"/>).
/// </summary>
internal static class Collisions
{
    /// <summary>
    /// The rule of the most recent send from another rule within the collision interval before
    /// <paramref name="at"/>; of sends at the same instant, the one recorded last. Sends are not
    /// recorded in time order (a late event can fire a rule at an earlier instant than a send
    /// already made), so the whole list is searched.
    /// </summary>
    public static string? Winner(StepContext step, string rule, Instant at)
    {
        var from = at - step.Options.CollisionInterval;
        var sends = step.State.SentView;
        SentMessage? winner = null;
        for (var i = 0; i < sends.Count; i++)
        {
            var sent = sends[i];
            if (sent.Rule != rule && sent.At > from && sent.At <= at && (winner is null || sent.At >= winner.At))
            {
                winner = sent;
            }
        }

        return winner?.Rule;
    }
}
