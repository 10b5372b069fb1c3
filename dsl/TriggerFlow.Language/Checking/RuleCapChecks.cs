using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Checking;

/// <summary>A rule's own caps: what <c>per NAME</c> counts over, and whether the channel caps leave the cap anything to do.</summary>
internal sealed class RuleCapChecks(CheckContext context, Reporter report, NameResolver names)
{
    public void Check(RuleSyntax rule, EventDefinition? signal)
    {
        var channels = Channels(rule);
        foreach (var cap in rule.ClausesOf<CapClause>())
        {
            switch (cap.Scope)
            {
                case PropertyCapScope { Property: var property } when signal is not null:
                    names.Property(signal, property.Text, property.Span, $"the signal event `{signal.Name}`");
                    break;
                case DurationCapScope window when window.Window.Amount > 0 && cap.Count.Value > 0:
                    Reachable(cap, window.Window, channels);
                    break;
            }
        }
    }

    /// <summary>The catalog channels the rule can send by: its sends and its variants' overrides.</summary>
    private List<string> Channels(RuleSyntax rule) =>
        rule.ClausesOf<SendClause>().Select(s => s.Channel.Text)
            .Concat(rule.ClausesOf<VariantClause>().Where(v => v.Channel is not null).Select(v => v.Channel!.Text))
            .Where(context.Catalog.Channels.Contains)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Warns when the channel caps already allow fewer sends in the cap's window than the cap does.
    /// A rule sending by several channels may reach the sum of what each allows; a channel
    /// without caps allows any number, so then the cap can always be reached.
    /// </summary>
    private void Reachable(CapClause cap, DurationSyntax window, List<string> channels)
    {
        decimal most = 0;
        foreach (var channel in channels)
        {
            if (context.Limits.MostSends(channel, window.TotalSeconds) is not { } allowed)
            {
                return;
            }

            most += allowed;
        }

        if (channels.Count == 0 || cap.Count.Value <= most)
        {
            return;
        }

        var per = Hints.Duration(window);
        report.Add(
            Descriptors.CapContradictsChannelCap,
            cap.Count.Span,
            $"`at most {Hints.Number(cap.Count.Value)} per {per}` can never be reached: the channel caps let this rule send at most {Hints.Number(most)} per {per} by {Hints.Sentence(channels.Select(c => $"`{c}`").ToList())}",
            $"lower it to `at most {Hints.Number(most)} per {per}`, or remove it and rely on the channel caps in rules/governance.trigger");
    }
}
