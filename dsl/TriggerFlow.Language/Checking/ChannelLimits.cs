using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Checking;

/// <summary>The channel caps in force: for each channel, its first declaration's caps that count over a duration.</summary>
internal sealed class ChannelLimits(IReadOnlyDictionary<string, IReadOnlyList<CapClause>> caps)
{
    /// <summary>
    /// The most sends <paramref name="channel"/>'s caps allow in any window of <paramref name="windowSeconds"/>,
    /// or null when the channel has no caps. A cap of M per W allows at most M × ⌈D / W⌉ in a window
    /// of D: cut the window into ⌈D / W⌉ pieces no longer than W, each holding at most M; sends
    /// bunched at the start of each piece reach it. The tightest cap wins.
    /// </summary>
    public decimal? MostSends(string channel, long windowSeconds)
    {
        if (!caps.TryGetValue(channel, out var list))
        {
            return null;
        }

        decimal? most = null;
        foreach (var cap in list)
        {
            var per = ((DurationCapScope)cap.Scope).Window.TotalSeconds;
            var pieces = Math.Ceiling((decimal)windowSeconds / per);
            var allowed = cap.Count.Value * pieces;
            most = most is null ? allowed : Math.Min(most.Value, allowed);
        }

        return most;
    }
}
