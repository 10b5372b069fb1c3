using NodaTime;

namespace TriggerFlow.Engine.State;

/// <summary>
/// Everything the engine remembers about one customer. The engine advances it in place; a host
/// persists it after each input (and throws it away if persisting fails).
/// </summary>
public sealed class CustomerState
{
    private static readonly Dictionary<string, object?> NoProfile = new(StringComparer.Ordinal);
    private Dictionary<string, object?>? _profile;
    private Dictionary<string, bool>? _consent;
    private List<SentMessage>? _sent;
    private SendCounts? _sentEver;
    private SendCounts? _sentPerKey;
    private List<PendingWindow>? _windows;
    private List<HeldMessage>? _held;
    private Dictionary<string, Instant>? _tenureStart;
    private List<RecentEvent>? _recent;

    public CustomerState(string customerId) => CustomerId = customerId;

    // A million customers are held at once by a backtest: the collections most customers never
    // use are created on first use, and the engine reads them through the views and *OrNull
    // accessors below, so reading does not create them.

    public string CustomerId { get; set; }

    /// <summary>Traits from identify calls, typed as in <see cref="Inputs.PropertyValues"/>.</summary>
    public Dictionary<string, object?> Profile { get => _profile ??= new(StringComparer.Ordinal); set => _profile = value; }

    /// <summary>Explicit consent per channel; a channel not listed follows the engine's default.</summary>
    public Dictionary<string, bool> Consent { get => _consent ??= new(StringComparer.Ordinal); set => _consent = value; }

    public List<PendingWindow> Windows { get => _windows ??= new(2); set => _windows = value; }

    /// <summary>Messages sent, for caps and collisions; pruned past the longest cap window.</summary>
    public List<SentMessage> Sent { get => _sent ??= new(2); set => _sent = value; }

    /// <summary>Sends per rule over all time, for <c>at most N ever</c>.</summary>
    public SendCounts SentEver { get => _sentEver ??= new(); set => _sentEver = value; }

    /// <summary>Sends per rule and property value, for <c>at most N per cart</c>: key <c>rule\nvalue</c>.</summary>
    public SendCounts SentPerKey { get => _sentPerKey ??= new(); set => _sentPerKey = value; }

    /// <summary>Messages held by quiet hours until their release time.</summary>
    public List<HeldMessage> Held { get => _held ??= new(1); set => _held = value; }

    /// <summary>When each rule's tenure event (<c>within 90d of first purchase</c>) first happened.</summary>
    public Dictionary<string, Instant> TenureStart { get => _tenureStart ??= new(StringComparer.Ordinal); set => _tenureStart = value; }

    /// <summary>Message ids already applied, with their event time; pruned past the dedupe horizon.</summary>
    public MessageIds Seen { get; set; } = new();

    /// <summary>
    /// Events that some rule awaits (a sequence step, an absence), kept while their event time is
    /// within the allowed lateness: a signal that arrives after them but happened before them opens
    /// a window they fall in, and must meet them.
    /// </summary>
    public List<RecentEvent> Recent { get => _recent ??= new(2); set => _recent = value; }

    /// <summary>The latest arrival or wake-up time seen: the engine's "now" for this customer.</summary>
    public Instant Clock { get; set; } = Instant.MinValue;

    /// <summary>Events that arrived later than the allowed lateness and were not applied.</summary>
    public long LateEvents { get; set; }

    /// <summary>The profile for reading: never null, and reading it creates nothing.</summary>
    internal IReadOnlyDictionary<string, object?> ProfileView => _profile ?? NoProfile;

    internal Dictionary<string, bool>? ConsentOrNull => _consent;

    internal SendCounts? SentEverOrNull => _sentEver;

    internal SendCounts? SentPerKeyOrNull => _sentPerKey;

    internal Dictionary<string, Instant>? TenureStartOrNull => _tenureStart;

    /// <summary>
    /// Lets go of lists that have emptied (windows all decided, sends past the caps' reach), so a
    /// customer with nothing pending costs only what it must remember. Called by the engine at the
    /// end of a step, when nothing holds on to them.
    /// </summary>
    internal void ReleaseEmptyLists()
    {
        if (_windows is { Count: 0 })
        {
            _windows = null;
        }

        if (_sent is { Count: 0 })
        {
            _sent = null;
        }

        if (_recent is { Count: 0 })
        {
            _recent = null;
        }

        if (_held is { Count: 0 })
        {
            _held = null;
        }
    }

    // The views below are for reading: a customer without the collection gets a shared empty
    // list that the engine never adds to (it adds only through the creating properties above).

    internal List<PendingWindow> WindowsView => _windows ?? Empty<PendingWindow>.List;

    internal List<HeldMessage> HeldView => _held ?? Empty<HeldMessage>.List;

    internal List<SentMessage> SentView => _sent ?? Empty<SentMessage>.List;

    internal List<RecentEvent> RecentView => _recent ?? Empty<RecentEvent>.List;

    private static class Empty<T>
    {
        public static readonly List<T> List = [];
    }
}

/// <summary>What a window is waiting for.</summary>
public enum WindowStage
{
    /// <summary>The next step of a presence sequence (<c>then … within</c>).</summary>
    Sequence,

    /// <summary>The deadline, unless an awaited-absent event cancels first (includes recency and <c>wait</c>).</summary>
    Waiting,
}

/// <summary>One open window of one rule for this customer.</summary>
public sealed class PendingWindow
{
    public required string Rule { get; set; }

    /// <summary>The plan version that opened it: the window finishes under this version.</summary>
    public required string Version { get; set; }

    public required string WindowId { get; set; }

    public WindowStage Stage { get; set; }

    /// <summary>For <see cref="WindowStage.Sequence"/>: the index of the awaited step.</summary>
    public int Step { get; set; }

    /// <summary>The signal's time: absence windows are measured from it (restarted by repeats by default).</summary>
    public Instant Anchor { get; set; }

    /// <summary>When the current stage began (the previous sequence step's time).</summary>
    public Instant StageStart { get; set; }

    /// <summary>When the stage is decided: a sequence step expires, or the window fires.</summary>
    public Instant Deadline { get; set; }

    /// <summary>True when the deadline depends on something not happening, so late events get their grace.</summary>
    public bool AwaitsAbsence { get; set; }

    /// <summary>The signal's properties: for <c>event.x</c> audiences, <c>per cart</c> caps and templates.</summary>
    public IReadOnlyDictionary<string, object?> Signal { get; set; } = Inputs.PropertyMap.Empty;

    /// <summary>The test arm chosen when the window opened; null for control or a rule without variants.</summary>
    public string? Variant { get; set; }

    public bool Control { get; set; }
}

/// <summary>An applied event, remembered for windows opened by signals that arrive after it.</summary>
public sealed record RecentEvent(string MessageId, string Name, IReadOnlyDictionary<string, object?> Properties, Instant EventTime);

/// <summary>A message that was sent.</summary>
/// <param name="Window">The window whose firing sent it: a rule's caps count firings, so a rule that sends by two channels is capped once.</param>
public sealed record SentMessage(string Rule, string Channel, Instant At, int Priority, string? Window = null);

/// <summary>A message waiting for quiet hours to end; consent and caps are checked again on release.</summary>
public sealed record HeldMessage(Decisions.SendDecision Message, Instant ReleaseAt, int Priority, string? CapKey, string? Window = null);
