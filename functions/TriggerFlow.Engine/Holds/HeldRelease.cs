using TriggerFlow.Engine.SendGates;
using TriggerFlow.Engine.State;

namespace TriggerFlow.Engine.Holds;

/// <summary>
/// A held message whose quiet hours have ended goes out at its release time, unless a send gate now
/// blocks it (consent withdrawn, a cap reached or a collision meanwhile), or its rule version is gone.
/// </summary>
internal static class HeldRelease
{
    public static void Release(StepContext step, HeldMessage held)
    {
        var message = held.Message with { At = held.ReleaseAt };
        var plan = step.Book.Version(message.Rule, message.Version);
        if (plan is null)
        {
            return;
        }

        if (SendGate.Blocked(step, plan, message.Version, message.Variant, message.Channel, message.At, held.CapKey, held.Window) is { } blocked)
        {
            step.Emit(blocked);
            return;
        }

        SentLog.Send(step, message, held.Priority, held.CapKey, held.Window);
    }
}
