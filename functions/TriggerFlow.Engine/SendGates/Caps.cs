using NodaTime;
using TriggerFlow.Engine.State;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.SendGates;

/// <summary>
/// Frequency caps over the customer's real sends (control-group exposures never count).
/// Sliding windows are half-open: a send exactly one window ago no longer counts.
/// </summary>
internal static class Caps
{
    /// <summary>
    /// The rule cap that forbids another send now, described; null when none does. Caps count the
    /// rule's firings, not its messages: once one send of a firing (<paramref name="window"/>) has
    /// gone, the firing's other channels are not held back by the rule's caps.
    /// </summary>
    public static string? RuleCapHit(CustomerState state, RulePlan plan, Instant at, string? capKey, string? window)
    {
        if (window is not null && FiringHasSent(state, window))
        {
            return null;
        }

        foreach (var cap in plan.Caps)
        {
            var used = cap.Per switch
            {
                CapScopeKind.Window => Firings(state, plan.Name, at, cap.WindowSeconds!.Value),
                CapScopeKind.Property => capKey is null || state.SentPerKeyOrNull is not { } perKey ? 0 : perKey.GetValueOrDefault(capKey),
                _ => state.SentEverOrNull?.GetValueOrDefault(plan.Name) ?? 0,
            };
            if (used >= cap.Count)
            {
                return Describe(cap);
            }
        }

        return null;
    }

    /// <summary>The channel cap that forbids another send on <paramref name="channel"/> now; null when none does.</summary>
    public static string? ChannelCapHit(CustomerState state, GovernancePlan governance, string channel, Instant at)
    {
        for (var c = 0; c < governance.ChannelCaps.Count; c++)
        {
            var caps = governance.ChannelCaps[c];
            if (caps.Channel != channel)
            {
                continue;
            }

            for (var i = 0; i < caps.Caps.Count; i++)
            {
                var cap = caps.Caps[i];
                if (OnChannel(state, channel, at, cap.WindowSeconds) >= cap.Count)
                {
                    return $"{channel} at most {cap.Count} per {Format(cap.WindowSeconds)}";
                }
            }
        }

        return null;
    }

    /// <summary>Whether the firing (window) has already sent a message on some channel.</summary>
    public static bool FiringHasSent(CustomerState state, string window)
    {
        foreach (var sent in state.SentView)
        {
            if (sent.Window == window)
            {
                return true;
            }
        }

        return false;
    }

    public static string PerKey(string rule, object? value) => rule + "\n" + (value?.ToString() ?? "");

    /// <summary>The key a firing counts under for the rule's <c>per property</c> cap (the signal's value); null when the rule has none.</summary>
    public static string? KeyOf(RulePlan plan, IReadOnlyDictionary<string, object?> signal) =>
        plan.Caps.FirstOrDefault(c => c.Per == CapScopeKind.Property) is { Property: { } property }
            ? PerKey(plan.Name, signal.GetValueOrDefault(property))
            : null;

    private static int Firings(CustomerState state, string rule, Instant at, long windowSeconds)
    {
        // Distinct firings: a send counts unless an earlier send in the range came from the same window.
        // Written without LINQ: it runs for every capped send.
        var from = at - Duration.FromSeconds(windowSeconds);
        var sends = state.SentView;
        var count = 0;
        for (var i = 0; i < sends.Count; i++)
        {
            if (InRange(sends[i], rule, from, at) && !(sends[i].Window is { } window && SameFiringBefore(sends, i, window, rule, from, at)))
            {
                count++;
            }
        }

        return count;
    }

    private static bool InRange(SentMessage sent, string rule, Instant from, Instant at) => sent.Rule == rule && sent.At > from && sent.At <= at;

    private static bool SameFiringBefore(List<SentMessage> sends, int index, string window, string rule, Instant from, Instant at)
    {
        for (var j = 0; j < index; j++)
        {
            if (sends[j].Window == window && InRange(sends[j], rule, from, at))
            {
                return true;
            }
        }

        return false;
    }

    private static int OnChannel(CustomerState state, string channel, Instant at, long windowSeconds)
    {
        var from = at - Duration.FromSeconds(windowSeconds);
        var count = 0;
        foreach (var sent in state.SentView)
        {
            if (sent.At > from && sent.At <= at && sent.Channel == channel)
            {
                count++;
            }
        }

        return count;
    }

    private static string Describe(CapPlan cap) => cap.Per switch
    {
        CapScopeKind.Window => $"at most {cap.Count} per {Format(cap.WindowSeconds!.Value)}",
        CapScopeKind.Property => $"at most {cap.Count} per {cap.Property}",
        _ => $"at most {cap.Count} ever",
    };

    internal static string Format(long seconds) => seconds switch
    {
        _ when seconds % 604_800 == 0 => $"{seconds / 604_800}w",
        _ when seconds % 86_400 == 0 => $"{seconds / 86_400}d",
        _ when seconds % 3_600 == 0 => $"{seconds / 3_600}h",
        _ when seconds % 60 == 0 => $"{seconds / 60}m",
        _ => $"{seconds}s",
    };
}
