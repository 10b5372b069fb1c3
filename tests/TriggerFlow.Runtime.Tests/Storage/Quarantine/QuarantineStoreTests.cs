using TriggerFlow.Input;
using TriggerFlow.Runtime.Ingestion.Quarantine;
using TriggerFlow.Runtime.Ingestion.Requests;
using TriggerFlow.Runtime.Storage.Quarantine;

namespace TriggerFlow.Runtime.Tests.Storage.Quarantine;

/// <summary>
/// The two quarantine stores held to one contract: a real SQLite file and a real Redis (started by
/// <c>scripts/redis.sh</c>). Keeping is idempotent by id and never passes the limits, not even
/// under concurrent keeps; reads page in arrival order; what is kept survives reopening the store.
/// </summary>
public sealed class QuarantineStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Received = new DateTimeOffset(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);
    private static readonly QuarantineLimits Roomy = new(1_000, 1_000_000);
    private RedisServer _redis = null!;
    private TempStore _sqlite = null!;
    private readonly string _service = "quarantine-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<IDisposable> _opened = [];

    public static TheoryData<string> Stores => new() { "sqlite", "redis" };

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _sqlite = new TempStore();
    }

    public async Task DisposeAsync()
    {
        _opened.ForEach(o => o.Dispose());
        await _sqlite.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_entry_is_kept_once_and_read_back_whole(string kind)
    {
        var store = Open(kind);
        var entry = Entry("a", """{"userId":"u1","event":"ä €"}""");

        var first = await store.KeepAsync([entry], Roomy);
        var again = await store.KeepAsync([entry], Roomy);

        Assert.Equal([KeepResult.Kept], first);
        Assert.Equal([KeepResult.AlreadyKept], again);
        var read = Assert.Single(await store.ReadAsync(0, 10, withRaw: true));
        Assert.Equal(entry with { Sequence = read.Sequence }, read with { Errors = entry.Errors });
        Assert.Equal(entry.Errors, read.Errors);
        Assert.Null(Assert.Single(await store.ReadAsync(0, 10, withRaw: false)).RawJson);
        Assert.Equal(new QuarantineSize(1, entry.Size), await store.SizeAsync());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Reads_page_in_arrival_order_and_find_removes_and_clears_by_id(string kind)
    {
        var store = Open(kind);
        await store.KeepAsync([.. Enumerable.Range(0, 5).Select(i => Entry($"e{i}", $$"""{"n":{{i}}}"""))], Roomy);

        var first = await store.ReadAsync(0, 3, withRaw: false);
        var rest = await store.ReadAsync(first[^1].Sequence, 3, withRaw: false);
        var found = await store.FindAsync(["e3", "missing", "e1"]);
        var removed = await store.RemoveAsync(["e1", "e1", "missing"]);

        Assert.Equal(["e0", "e1", "e2"], first.Select(e => e.Id));
        Assert.Equal(["e3", "e4"], rest.Select(e => e.Id));
        Assert.Equal(["e1", "e3"], found.Select(e => e.Id));
        Assert.All(found, e => Assert.NotNull(e.RawJson));
        Assert.Equal(1, removed);
        Assert.Equal(new QuarantineSize(4, 4 * """{"n":0}""".Length), await store.SizeAsync());
        Assert.Equal(4, await store.ClearAsync());
        Assert.Equal(new QuarantineSize(0, 0), await store.SizeAsync());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Concurrent_keeps_together_never_pass_the_item_or_byte_limit(string kind)
    {
        var store = Open(kind);

        var other = Open(kind);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? store : other).KeepAsync([Entry($"c{i}", $$"""{"i":{{i:D2}}}""")], new QuarantineLimits(10, 1_000_000))));
        var kept = (await store.SizeAsync()).Bytes;
        var byBytes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? store : other).KeepAsync([Entry($"b{i}", new string(' ', 90) + "{}")], new QuarantineLimits(1_000, kept + (10 * 92)))));

        Assert.Equal(10, results.Count(r => r[0] == KeepResult.Kept));
        Assert.Equal(10, byBytes.Count(r => r[0] == KeepResult.Kept));
        Assert.All(results.Concat(byBytes).Where(r => r[0] != KeepResult.Kept), r => Assert.Equal(KeepResult.Full, r[0]));
        Assert.Equal(20, (await store.SizeAsync()).Items);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task What_was_kept_survives_reopening_the_store(string kind)
    {
        await Open(kind).KeepAsync([Entry("kept", """{"a":1}""")], Roomy);
        if (kind == "sqlite")
        {
            await _sqlite.ReopenAsync();
        }

        var reopened = Open(kind);

        Assert.Equal("kept", Assert.Single(await reopened.ReadAsync(0, 10, withRaw: true)).Id);
    }

    /// <summary>A store over the test's database or Redis; each call is another silo's store over the same data.</summary>
    private IQuarantineStore Open(string kind)
    {
        if (kind == "sqlite")
        {
            return new SqliteQuarantineStore(_sqlite.Database);
        }

        var redis = new RedisQuarantineStore(_redis.ConnectionString, _service);
        _opened.Add(redis);
        return redis;
    }

    private static QuarantineEntry Entry(string id, string raw) =>
        new(id, 0, "shop", PayloadFormat.Segment, "track", Received, "m-" + id, "added to cart", [new FieldError("properties.price", "`cheap` is not a number")], System.Text.Encoding.UTF8.GetByteCount(raw), raw);
}
