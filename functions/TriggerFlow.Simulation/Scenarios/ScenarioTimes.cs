using NodaTime;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Scenarios;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Simulation.Scenarios;

/// <summary>
/// Turns a scenario's written times into instants: the scenario's zone, its start, and each
/// line's time (the previous line's, moved by <c>+6h</c> or set by <c>at …</c>). Local times in a
/// daylight-saving gap move forward past it; in an overlap the earlier instant is used, as for
/// quiet hours.
/// </summary>
internal sealed class ScenarioTimes
{
    private ScenarioTimes(DateTimeZone zone, IReadOnlyList<Instant> stepTimes)
    {
        Zone = zone;
        StepTimes = stepTimes;
    }

    public DateTimeZone Zone { get; }

    /// <summary>The time of each step, by index; an expectation has the time of the line before it.</summary>
    public IReadOnlyList<Instant> StepTimes { get; }

    public Instant ToInstant(DateTimeSyntax at) => ToInstant(at, Zone);

    public static ScenarioTimes? Resolve(string path, ScenarioSyntax scenario, List<Diagnostic> diagnostics)
    {
        var zone = scenario.Zone is { } z ? ZoneNamed(path, z.Text, z.Span, diagnostics) : DateTimeZone.Utc;
        if (zone is null || scenario.Start is null)
        {
            return null;
        }

        var now = ToInstant(scenario.Start, zone);
        var times = new List<Instant>(scenario.Steps.Count);
        var errors = diagnostics.Count;
        foreach (var step in scenario.Steps)
        {
            now = step is TimedStep { Time: { } time } ? Advance(path, now, time, zone, diagnostics) : now;
            times.Add(now);
        }

        return diagnostics.Count > errors ? null : new ScenarioTimes(zone, times);
    }

    /// <summary>Whether <paramref name="id"/> is an IANA zone, reporting it at <paramref name="span"/> when not.</summary>
    public static DateTimeZone? ZoneNamed(string path, string id, SourceSpan span, List<Diagnostic> diagnostics)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone)
        {
            return zone;
        }

        var suggestion = Language.Parsing.Suggestions.Closest(id, DateTimeZoneProviders.Tzdb.Ids);
        diagnostics.Add(Descriptors.UnknownTimeZone.At(
            path,
            span,
            $"`{id}` is not an IANA time zone",
            suggestion is null ? "write a zone id such as Europe/Paris or America/New_York" : $"did you mean `{suggestion}`?"));
        return null;
    }

    private static Instant Advance(string path, Instant now, StepTimeSyntax time, DateTimeZone zone, List<Diagnostic> diagnostics)
    {
        if (time is RelativeTime relative)
        {
            return now + Duration.FromSeconds(relative.After.TotalSeconds);
        }

        var at = ToInstant(((AbsoluteTime)time).At, zone);
        if (at < now)
        {
            diagnostics.Add(Descriptors.TimeGoesBackwards.At(
                path,
                time.Span,
                $"this line is at {Format(at, zone)}, before the previous line's {Format(now, zone)}",
                "steps are written in the order they happen; move the line up, or correct its time"));
        }

        return at;
    }

    private static Instant ToInstant(DateTimeSyntax at, DateTimeZone zone) =>
        LocalDateTime.FromDateTime(at.Date.ToDateTime(at.Time)).InZoneLeniently(zone).ToInstant();

    /// <summary><c>2026-07-11 15:00</c>, with seconds only when there are any.</summary>
    public static string Format(Instant at, DateTimeZone zone)
    {
        var local = at.InZone(zone).LocalDateTime;
        var pattern = local.Second == 0 ? "uuuu-MM-dd HH:mm" : "uuuu-MM-dd HH:mm:ss";
        return local.ToString(pattern, System.Globalization.CultureInfo.InvariantCulture);
    }
}
