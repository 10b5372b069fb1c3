using System.Globalization;
using System.Text;
using NodaTime;

namespace TriggerFlow.Engine.Tests.Reference;

/// <summary>The shapes of rule the differential test generates; each renders to rule text the compiler accepts.</summary>
internal enum Template
{
    /// <summary><c>when browsed category without purchase within D</c>.</summary>
    Browse,

    /// <summary><c>when added to cart without checkout within D</c>, possibly per cart and on two channels.</summary>
    Cart,

    /// <summary><c>when viewed product then added to cart within D</c>, possibly followed by an absence.</summary>
    ViewThenCart,

    /// <summary><c>when D since last purchase of "toothpaste"</c>.</summary>
    Resupply,

    /// <summary><c>when entered store area</c>, sent at once.</summary>
    Nearby,

    /// <summary><c>when ticket resolved wait D</c>.</summary>
    Ticket,
}

internal enum CapKind
{
    Window,
    Ever,
    PerCart,
}

internal sealed record CapSpec(CapKind Kind, int Count, Duration Window)
{
    public string Text => Kind switch
    {
        CapKind.Window => $"at most {Count} per {RuleSpec.Show(Window)}",
        CapKind.Ever => $"at most {Count} ever",
        _ => $"at most {Count} per cart",
    };
}

/// <summary>A local time range, half-open, wrapping past midnight when the end is before the start.</summary>
internal sealed record HoursSpec(LocalTime Start, LocalTime End)
{
    public string Text => $"{Start.ToString("HH:mm", CultureInfo.InvariantCulture)} to {End.ToString("HH:mm", CultureInfo.InvariantCulture)}";
}

/// <summary>A rule's own <c>quiet hours</c> clause: its hours (null for the governance default) and policy.</summary>
internal sealed record QuietSpec(HoursSpec? Hours, bool Drop)
{
    public string Text => "quiet hours" + (Hours is { } h ? " " + h.Text : "") + (Drop ? " drop" : Hours is null ? " hold" : "");
}

internal sealed record VariantSpec(string Name, int Weight, string? Channel, Duration? Wait)
{
    public string Text => $"variant \"{Name}\" {Weight}%" + (Channel is { } c ? $" via {c}" : "") + (Wait is { } w ? $" wait {RuleSpec.Show(w)}" : "");
}

/// <summary>A condition written in rule text and, beside it, what it means, written independently of any evaluator.</summary>
internal sealed record ConditionSpec(string Text, Func<IReadOnlyDictionary<string, object?>, bool> Holds)
{
    public override string ToString() => Text;
}

/// <summary>An audience: reads the profile (<c>profile.x</c>) and the signal's properties (<c>event.x</c>).</summary>
internal sealed record AudienceSpec(string Text, Func<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>, bool> Holds)
{
    public override string ToString() => Text;
}

internal sealed record StepSpec(string Event, Duration Within);

internal sealed record AbsenceSpec(string Event, Duration Within, bool FromFirst);

/// <summary>One generated rule, as the reference model reads it: nothing here comes from the compiler.</summary>
internal sealed record RuleSpec(
    string Name,
    Template Template,
    string Status,
    int Priority,
    string SignalEvent,
    ConditionSpec? Filter,
    Duration? Recency,
    StepSpec? Step,
    AbsenceSpec? Absence,
    Duration? Wait,
    AudienceSpec? Audience,
    IReadOnlyList<string> Channels,
    string TemplateName,
    IReadOnlyList<CapSpec> Caps,
    QuietSpec? Quiet,
    int? ControlPercent,
    IReadOnlyList<VariantSpec> Variants,
    LocalDate? ActiveUntil)
{
    public bool Runs => Status is "always-on" or "test";

    /// <summary>Repeat signals restart the window unless every absence is measured from the first signal.</summary>
    public bool RestartsOnRepeat => Absence is not { FromFirst: true };

    public string Text
    {
        get
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"rule \"{Name}\"");
            text.AppendLine(CultureInfo.InvariantCulture, $"  status {Status}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  priority {Priority}");
            if (ActiveUntil is { } until)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  active until {until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
            }

            text.AppendLine(Recency is { } recency
                ? $"  when {Show(recency)} since last purchase of \"toothpaste\""
                : $"  when {SignalEvent}" + (Filter is { } f ? $" where {f.Text}" : ""));
            if (Step is { } step)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  then {step.Event} within {Show(step.Within)}");
            }

            if (Absence is { } absence)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  without {absence.Event} within {Show(absence.Within)}{(absence.FromFirst ? " from first signal" : "")}");
            }

            if (Wait is { } wait)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  wait {Show(wait)}");
            }

            if (Audience is { } audience)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  and {audience.Text}");
            }

            foreach (var channel in Channels)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  send {channel} template \"{TemplateName}\"");
            }

            foreach (var cap in Caps)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {cap.Text}");
            }

            if (Quiet is { } quiet)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {quiet.Text}");
            }

            if (ControlPercent is { } control)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  control {control}%");
                text.AppendLine("  goal purchase within 7d");
            }

            foreach (var variant in Variants)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {variant.Text}");
            }

            return text.ToString();
        }
    }

    public static string Show(Duration duration) => duration.TotalSeconds switch
    {
        var s when s % 86_400 == 0 => $"{s / 86_400}d",
        var s when s % 3_600 == 0 => $"{s / 3_600}h",
        var s => $"{s / 60}m",
    };
}

internal sealed record ChannelCapSpec(string Channel, int Count, Duration Window);

/// <summary>The governance file: channel caps and the default quiet hours.</summary>
internal sealed record GovernanceSpec(IReadOnlyList<ChannelCapSpec> ChannelCaps, HoursSpec? QuietHours)
{
    public string Text =>
        string.Join('\n', ChannelCaps.Select(c => $"channel {c.Channel} at most {c.Count} per {RuleSpec.Show(c.Window)}")
            .Concat(QuietHours is { } h ? [$"quiet hours {h.Text}"] : []));
}
