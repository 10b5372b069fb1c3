using System.ComponentModel.DataAnnotations;

namespace TriggerFlow.Runtime.Hosting;

/// <summary>
/// The host's settings, bound from the <c>TriggerFlow</c> section of <c>host.json</c> and the
/// environment (<c>TriggerFlow__DataDir</c>, …). Validated at start-up.
/// </summary>
public sealed class TriggerFlowOptions
{
    public const string Section = "TriggerFlow";

    /// <summary>Folder for the embedded SQLite file and the file channel. Default <c>./.triggerflow</c>.</summary>
    [Required]
    public string DataDir { get; set; } = ".triggerflow";

    /// <summary>Where durable state lives: <c>sqlite</c> (embedded, default) or <c>redis</c> (cluster).</summary>
    [RegularExpression("^(sqlite|redis)$")]
    public string Storage { get; set; } = "sqlite";

    /// <summary>The Redis connection string when <see cref="Storage"/> is <c>redis</c>.</summary>
    public string? Redis { get; set; }

    /// <summary>The Orleans cluster this silo joins; silos sharing a Redis join when their ids match. Default <c>triggerflow</c>.</summary>
    [Required]
    public string ClusterId { get; set; } = "triggerflow";

    /// <summary>The Orleans service id, which keys stored grain state and reminders: keep it across deployments. Default <c>triggerflow</c>.</summary>
    [Required]
    public string ServiceId { get; set; } = "triggerflow";

    /// <summary>The port silos talk to each other on. Default 11111, Orleans' own default.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients connect to. Default 30000, Orleans' own default.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// With <c>redis</c>: the IP address or host name other silos reach this one at. Default: the
    /// machine's first IPv4 address. The <c>sqlite</c> mode always uses the loopback address.
    /// </summary>
    public string? SiloHost { get; set; }

    /// <summary>Rules folder compiled and activated at start-up when no deployment exists yet. Default <c>rules</c>; empty to skip.</summary>
    public string RulesFolder { get; set; } = "rules";

    /// <summary>The bearer key for admin endpoints (deploy, rollback, customers). Development key on a fresh clone.</summary>
    [Required]
    public string AdminKey { get; set; } = "";

    /// <summary>Event sources allowed to post, each with its write key.</summary>
    public List<SourceOptions> Sources { get; set; } = [];

    /// <summary>Largest request body accepted, in bytes. Default 512 KB, like Segment's batch limit.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 512 * 1024;

    /// <summary>Allowed lateness of events, in seconds. Default 300.</summary>
    [Range(0, 86_400)]
    public int AllowedLatenessSeconds { get; set; } = 300;

    /// <summary>Collision interval between two rules' messages, in seconds. Default 900.</summary>
    [Range(0, 604_800)]
    public int CollisionIntervalSeconds { get; set; } = 900;

    /// <summary>IANA time zone for customers without one. Default UTC.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>Whether a channel without recorded consent may be used. Default true.</summary>
    public bool ConsentByDefault { get; set; } = true;
}

/// <summary>One webhook source.</summary>
public sealed class SourceOptions
{
    [Required]
    public string Name { get; set; } = "";

    /// <summary>The key sources send as the HTTP Basic user name (Segment style).</summary>
    [Required]
    public string WriteKey { get; set; } = "";

    /// <summary>When set, bodies must carry an HMAC-SHA256 signature made with this secret.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>How old a signed request's timestamp may be, in seconds. Default 300.</summary>
    public int SignatureToleranceSeconds { get; set; } = 300;

    /// <summary>Requests per second allowed before 429. Default 1000.</summary>
    public int RequestsPerSecond { get; set; } = 1000;

    /// <summary>True for keys that ship with the repository: the host refuses them outside Development.</summary>
    public bool DevelopmentOnly { get; set; }
}
