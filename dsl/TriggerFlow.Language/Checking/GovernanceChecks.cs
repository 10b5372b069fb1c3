using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Language.Checking;

/// <summary>The declarations that govern every rule together: channel caps and default quiet hours.</summary>
internal static class GovernanceChecks
{
    /// <summary>Checks the declarations and returns the channel caps rules are held to.</summary>
    public static ChannelLimits Check(RuleSet set, Reporters reporters)
    {
        var channels = new Dictionary<string, (ChannelCapsSyntax Declaration, string Path)>(StringComparer.Ordinal);
        var limits = new Dictionary<string, IReadOnlyList<CapClause>>(StringComparer.Ordinal);
        (DefaultQuietHoursSyntax Declaration, string Path)? quiet = null;
        foreach (var file in set.Files)
        {
            var report = reporters.For(file.Path);
            foreach (var caps in file.Declarations.OfType<ChannelCapsSyntax>())
            {
                var valid = ChannelCaps(report, caps, set.Catalog.Channels);
                if (channels.TryGetValue(caps.Channel.Text, out var first))
                {
                    report.Add(
                        Descriptors.DuplicateChannelCaps,
                        caps.Channel.Span,
                        $"caps for channel `{caps.Channel.Text}` are already declared at {first.Path}:{first.Declaration.Span.Line}",
                        $"declare them once, joined with `and`: `channel {caps.Channel.Text} at most 1 per 1d and at most 3 per 7d`",
                        [first.Path]);
                    continue;
                }

                channels[caps.Channel.Text] = (caps, file.Path);
                limits[caps.Channel.Text] = valid;
            }

            foreach (var hours in file.Declarations.OfType<DefaultQuietHoursSyntax>())
            {
                WindowChecks.QuietHours(report, hours.Hours);
                if (quiet is { } earlier)
                {
                    report.Add(
                        Descriptors.DuplicateDefaultQuietHours,
                        Spans.Prefix(hours.Span, 5),
                        $"default quiet hours are already declared at {earlier.Path}:{earlier.Declaration.Span.Line}",
                        "keep one `quiet hours` line at the top level; a rule can set its own with `quiet hours 22:00 to 07:00`",
                        [earlier.Path]);
                    continue;
                }

                quiet = (hours, file.Path);
            }
        }

        return new ChannelLimits(limits);
    }

    /// <summary>Checks one declaration and returns its caps that can be enforced.</summary>
    private static List<CapClause> ChannelCaps(Reporter report, ChannelCapsSyntax caps, IReadOnlyList<string> channels)
    {
        if (!channels.Contains(caps.Channel.Text))
        {
            report.Add(
                Descriptors.UnknownChannel,
                caps.Channel.Span,
                $"unknown channel `{caps.Channel.Text}`",
                Hints.Unknown(caps.Channel.Text, channels, $"channels are {Hints.List(channels)}"));
        }

        var valid = new List<CapClause>();
        foreach (var cap in caps.Caps)
        {
            WindowChecks.Cap(report, cap);
            if (cap.Scope is not DurationCapScope window)
            {
                report.Add(
                    Descriptors.InvalidChannelCap,
                    cap.Scope.Span,
                    "a channel cap must count sends over a duration, such as `per 1d`",
                    "`per cart` and `ever` count one rule's sends; write such a cap on the rule instead");
            }
            else if (window.Window.Amount > 0 && cap.Count.Value > 0)
            {
                valid.Add(cap);
            }
        }

        return valid;
    }
}
