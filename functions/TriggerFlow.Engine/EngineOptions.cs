using NodaTime;

namespace TriggerFlow.Engine;

/// <summary>How the engine treats time, consent and experiments. Hosts bind it from <c>host.json</c>.</summary>
public sealed class EngineOptions
{
    /// <summary>
    /// How late an event may arrive (event time behind the customer's clock) and still be applied
    /// in event-time order. Windows that wait for something not to happen fire only once their
    /// deadline is this far behind the clock. Default 5 minutes.
    /// </summary>
    public Duration AllowedLateness { get; init; } = Duration.FromMinutes(5);

    /// <summary>Two rules' messages to one customer closer than this collide; priority decides. Default 15 minutes.</summary>
    public Duration CollisionInterval { get; init; } = Duration.FromMinutes(15);

    /// <summary>The IANA time zone for customers whose profile has no valid <c>time_zone</c>. Default UTC.</summary>
    public string DefaultTimeZone { get; init; } = "UTC";

    /// <summary>The profile trait holding the customer's IANA time zone. Default <c>time_zone</c>.</summary>
    public string TimeZoneTrait { get; init; } = "time_zone";

    /// <summary>How long a message id is remembered to ignore retries. Default 7 days.</summary>
    public Duration DedupeHorizon { get; init; } = Duration.FromDays(7);

    /// <summary>Whether a channel with no recorded consent may be used. Default true (opt-out model).</summary>
    public bool ConsentByDefault { get; init; } = true;

    /// <summary>Whether draft rules run: true for backtests and scenario tests, false live. Default false.</summary>
    public bool IncludeDraftRules { get; init; }

    /// <summary>Mixed into the control-group and variant hash; change it to re-randomise every test. Default empty.</summary>
    public string ExperimentSalt { get; init; } = "";

    /// <summary>Checks the options, as a host does at start-up.</summary>
    public void Validate()
    {
        if (AllowedLateness < Duration.Zero || CollisionInterval < Duration.Zero || DedupeHorizon < Duration.Zero)
        {
            throw new ArgumentException("AllowedLateness, CollisionInterval and DedupeHorizon must not be negative");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(DefaultTimeZone) is null)
        {
            throw new ArgumentException($"DefaultTimeZone `{DefaultTimeZone}` is not an IANA time zone id such as Europe/Paris");
        }
    }
}
