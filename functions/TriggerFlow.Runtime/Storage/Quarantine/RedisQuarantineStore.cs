using StackExchange.Redis;
using TriggerFlow.Runtime.Ingestion.Quarantine;

namespace TriggerFlow.Runtime.Storage.Quarantine;

/// <summary>
/// The quarantine of a Redis cluster, so every silo lists and replays the same items. Under
/// <c>triggerflow:{serviceId}:quarantine:</c>: a sorted set of ids by arrival sequence (<c>order</c>),
/// hashes of each entry's fields (<c>meta</c>) and posted JSON (<c>raw</c>), the bytes kept
/// (<c>bytes</c>) and the sequence counter (<c>seq</c>). Keeping and removing are Lua scripts, so the
/// limits hold across silos and no reader sees half an entry. The braces around the service id are a
/// Redis Cluster hash tag: all the keys live on one shard, as a script needs. As durable as Redis
/// makes writes: run it with <c>appendonly yes</c> and <c>appendfsync always</c> (docs/operations.md).
/// </summary>
internal sealed class RedisQuarantineStore : IQuarantineStore, IDisposable
{
    private const string KeepScript = """
        local count = redis.call('ZCARD', KEYS[1])
        local bytes = tonumber(redis.call('GET', KEYS[4]) or '0')
        local maxItems = tonumber(ARGV[1])
        local maxBytes = tonumber(ARGV[2])
        local results = {}
        for i = 3, #ARGV, 4 do
          local id = ARGV[i]
          local size = tonumber(ARGV[i + 1])
          if redis.call('HEXISTS', KEYS[2], id) == 1 then
            results[#results + 1] = 1
          elseif count + 1 > maxItems or bytes + size > maxBytes then
            results[#results + 1] = 2
          else
            local seq = redis.call('INCR', KEYS[5])
            redis.call('ZADD', KEYS[1], seq, id)
            redis.call('HSET', KEYS[2], id, ARGV[i + 2])
            redis.call('HSET', KEYS[3], id, ARGV[i + 3])
            redis.call('INCRBY', KEYS[4], size)
            count = count + 1
            bytes = bytes + size
            results[#results + 1] = 0
          end
        end
        return results
        """;

    private const string RemoveScript = """
        local removed = 0
        for i = 1, #ARGV do
          if redis.call('ZREM', KEYS[1], ARGV[i]) == 1 then
            redis.call('DECRBY', KEYS[4], redis.call('HSTRLEN', KEYS[3], ARGV[i]))
            redis.call('HDEL', KEYS[2], ARGV[i])
            redis.call('HDEL', KEYS[3], ARGV[i])
            removed = removed + 1
          end
        end
        return removed
        """;

    private const string ClearScript = """
        local count = redis.call('ZCARD', KEYS[1])
        redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
        return count
        """;

    private readonly ConnectionMultiplexer _redis;
    private readonly RedisKey _order;
    private readonly RedisKey _meta;
    private readonly RedisKey _raw;
    private readonly RedisKey _bytes;
    private readonly RedisKey _sequence;

    public RedisQuarantineStore(string connection, string serviceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        var options = ConfigurationOptions.Parse(connection);

        // A silo that starts before Redis is reachable keeps trying instead of failing for good.
        options.AbortOnConnectFail = false;
        _redis = ConnectionMultiplexer.Connect(options);
        var prefix = $"triggerflow:{{{serviceId}}}:quarantine:";
        (_order, _meta, _raw, _bytes, _sequence) = (prefix + "order", prefix + "meta", prefix + "raw", prefix + "bytes", prefix + "seq");
    }

    private RedisKey[] Keys => [_order, _meta, _raw, _bytes, _sequence];

    public async Task<IReadOnlyList<KeepResult>> KeepAsync(IReadOnlyList<QuarantineEntry> entries, QuarantineLimits limits)
    {
        var arguments = new List<RedisValue>(2 + (entries.Count * 4)) { limits.MaxItems, limits.MaxBytes };
        foreach (var entry in entries)
        {
            // The size Redis adds is the one it later subtracts (HSTRLEN of the raw JSON): both are UTF-8 bytes.
            arguments.AddRange([entry.Id, entry.Size, QuarantineJson.Meta(entry), entry.RawJson]);
        }

        var results = (RedisResult[])(await _redis.GetDatabase().ScriptEvaluateAsync(KeepScript, Keys, [.. arguments]))!;
        return [.. results.Select(r => (int)r switch { 0 => KeepResult.Kept, 1 => KeepResult.AlreadyKept, _ => KeepResult.Full })];
    }

    public async Task<IReadOnlyList<QuarantineEntry>> ReadAsync(long after, int count, bool withRaw)
    {
        var ids = await _redis.GetDatabase().SortedSetRangeByScoreWithScoresAsync(_order, after, double.PositiveInfinity, Exclude.Start, Order.Ascending, 0, count);
        return await EntriesAsync(ids, withRaw);
    }

    public async Task<IReadOnlyList<QuarantineEntry>> FindAsync(IReadOnlyCollection<string> ids)
    {
        var database = _redis.GetDatabase();
        var scores = await database.SortedSetScoresAsync(_order, [.. ids.Select(i => (RedisValue)i)]);
        var found = ids.Zip(scores).Where(p => p.Second is not null).Select(p => new SortedSetEntry(p.First, p.Second!.Value)).OrderBy(e => e.Score).ToArray();
        return await EntriesAsync(found, withRaw: true);
    }

    public async Task<int> RemoveAsync(IReadOnlyCollection<string> ids) =>
        ids.Count == 0 ? 0 : (int)await _redis.GetDatabase().ScriptEvaluateAsync(RemoveScript, Keys, [.. ids.Select(i => (RedisValue)i)]);

    public async Task<int> ClearAsync() => (int)await _redis.GetDatabase().ScriptEvaluateAsync(ClearScript, Keys);

    public async Task<QuarantineSize> SizeAsync()
    {
        var database = _redis.GetDatabase();
        var items = database.SortedSetLengthAsync(_order);
        var bytes = database.StringGetAsync(_bytes);
        return new QuarantineSize((int)await items, (long?)await bytes ?? 0);
    }

    public void Dispose() => _redis.Dispose();

    private async Task<IReadOnlyList<QuarantineEntry>> EntriesAsync(SortedSetEntry[] ids, bool withRaw)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        var database = _redis.GetDatabase();
        var fields = ids.Select(i => i.Element).ToArray();
        var metas = await database.HashGetAsync(_meta, fields);
        var raws = withRaw ? await database.HashGetAsync(_raw, fields) : null;

        // An id removed between the two reads (a concurrent replay) is left out rather than half read.
        return [.. ids.Select((id, i) => (id, meta: metas[i], raw: raws?[i]))
            .Where(e => e.meta.HasValue && (raws is null || e.raw!.Value.HasValue))
            .Select(e => QuarantineJson.Meta(e.meta!, (long)e.id.Score, raws is null ? null : (string?)e.raw!.Value))];
    }
}
