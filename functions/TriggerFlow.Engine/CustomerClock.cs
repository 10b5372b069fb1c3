using NodaTime;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine;

/// <summary>
/// The customer's own clock: quiet hours and active periods are judged in the customer's IANA
/// time zone. Daylight-saving gaps resolve leniently (a release time that falls in a skipped
/// hour moves forward past it); overlaps take the earlier instant that has not yet passed.
/// </summary>
internal static class CustomerClock
{
    public static DateTimeZone ZoneOf(IReadOnlyDictionary<string, object?> profile, EngineOptions options) =>
        profile.TryGetValue(options.TimeZoneTrait, out var id) && id is string s && DateTimeZoneProviders.Tzdb.GetZoneOrNull(s) is { } zone
            ? zone
            : DateTimeZoneProviders.Tzdb[options.DefaultTimeZone];

    /// <summary>Whether <paramref name="at"/> falls in the half-open local range; a range may wrap past midnight.</summary>
    public static bool IsWithin(Instant at, DateTimeZone zone, TimeRangePlan range)
    {
        var time = at.InZone(zone).TimeOfDay;
        var start = LocalTimeOf(range.Start);
        var end = LocalTimeOf(range.End);
        return start < end ? time >= start && time < end : time >= start || time < end;
    }

    /// <summary>
    /// The first instant at or after <paramref name="at"/> when the local clock reads the range's end.
    /// In a repeated hour that is the earlier of the end's two instants, unless <paramref name="at"/>
    /// is in the hour's second pass and the earlier one has gone: then the later.
    /// </summary>
    public static Instant NextEnd(Instant at, DateTimeZone zone, TimeRangePlan range)
    {
        var local = at.InZone(zone).LocalDateTime;
        var end = LocalTimeOf(range.End);
        var date = local.TimeOfDay < end ? local.Date : local.Date.PlusDays(1);
        var mapping = zone.MapLocal(date + end);
        return mapping.Count == 2 && mapping.First().ToInstant() < at
            ? mapping.Last().ToInstant()
            : (date + end).InZoneLeniently(zone).ToInstant();
    }

    /// <summary>Whether the rule's active period (inclusive dates) covers <paramref name="at"/> in the customer's zone.</summary>
    public static bool IsActive(RulePlan plan, Instant at, DateTimeZone zone)
    {
        var date = at.InZone(zone).Date;
        return (plan.ActiveFrom is not { } from || date >= LocalDate.FromDateOnly(from))
            && (plan.ActiveUntil is not { } until || date <= LocalDate.FromDateOnly(until));
    }

    private static NodaTime.LocalTime LocalTimeOf(TimeOnly time) => NodaTime.LocalTime.FromTimeOnly(time);
}
