using NodaTime;

namespace TriggerFlow.Input.Time;

/// <summary>
/// Event times in the future: a device with a wrong clock (one stamped 2099 once anchored a cart
/// reminder's window there for good). An event time more than the tolerance past the call's arrival
/// is set to the arrival time, and the mapping counts it, so such an event can never open a window
/// in the future.
/// </summary>
internal static class FutureTimes
{
    /// <summary>Sets <paramref name="eventTime"/> to <paramref name="arrival"/> when it lies more than <paramref name="tolerance"/> after it; true when it did.</summary>
    public static bool Clamp(ref Instant eventTime, Instant arrival, Duration tolerance)
    {
        if (eventTime - arrival <= tolerance)
        {
            return false;
        }

        eventTime = arrival;
        return true;
    }
}
