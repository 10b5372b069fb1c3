using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace TriggerFlow.Simulation.Explain;

/// <summary>One line of a customer's timeline.</summary>
/// <param name="Kind">What happened, in a word: event, profile, identity, opened, restarted, cancelled, due, expired, sent, held, not sent, late, hint.</param>
/// <param name="Depth">1 for what an input caused, shown under it; 0 for inputs and for what the clock decided on its own.</param>
/// <param name="Line">The events file's line, for inputs.</param>
public sealed record TimelineEntry(Instant At, string Kind, string Text, int Depth, long? Line);

/// <summary>Everything that happened to one customer, in the order the engine saw it, and how each rule ended.</summary>
/// <param name="LinkedIds">Anonymous ids merged into the customer (or the customer it was merged into).</param>
/// <param name="Found">False when the customer never appears in the file.</param>
public sealed record Timeline(
    string CustomerId,
    string? Rule,
    string File,
    IReadOnlyList<string> LinkedIds,
    IReadOnlyList<TimelineEntry> Entries,
    IReadOnlyList<string> Outcomes,
    bool Found)
{
    private static readonly InstantPattern Time = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss'Z'");

    public static string Format(Instant instant) => Time.Format(instant);

    /// <summary>The timeline as aligned text: time, kind, what happened, and the input's line.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append("Customer ").Append(CustomerId);
        if (LinkedIds.Count > 0)
        {
            text.Append(" (linked ids: ").AppendJoin(", ", LinkedIds).Append(')');
        }

        text.Append(", rules: ").Append(Rule ?? "all").Append(", events: ").AppendLine(File).AppendLine();
        foreach (var entry in Entries)
        {
            var kind = new string(' ', entry.Depth * 2) + entry.Kind;
            text.Append(Format(entry.At)).Append("  ").Append(kind.PadRight(12)).Append(entry.Text);
            if (entry.Line is { } line)
            {
                text.Append("  (line ").Append(line.ToString(CultureInfo.InvariantCulture)).Append(')');
            }

            text.AppendLine();
        }

        text.AppendLine().AppendLine("Outcome:");
        foreach (var outcome in Outcomes)
        {
            text.Append("  ").AppendLine(outcome);
        }

        return text.ToString();
    }
}
