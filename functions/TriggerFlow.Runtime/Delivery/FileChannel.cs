using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TriggerFlow.Runtime.Delivery;

/// <summary>
/// The built-in channel: appends each message as one JSON line to <c>&lt;DataDir&gt;/outbox/&lt;channel&gt;.jsonl</c>
/// and flushes it to disk before reporting success. It is idempotent by key: a key already in the
/// file is not written again, so a re-dispatch after a crash between the write and the ledger
/// record cannot duplicate a line. A line torn by a crash mid-write is skipped when the file is read.
/// </summary>
internal sealed class FileChannel(string folder, TimeProvider time) : IChannelConnector, IDisposable
{
    private readonly ConcurrentDictionary<string, ChannelFile> _files = new(StringComparer.Ordinal);

    public async Task DeliverAsync(OutboundMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var file = _files.GetOrAdd(message.Channel, channel => new ChannelFile(Path.Combine(folder, $"{channel}.jsonl")));
        await file.AppendOnceAsync(message.IdempotencyKey, Line(message), ct);
    }

    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            file.Dispose();
        }
    }

    /// <summary>The idempotency keys of the complete lines in a channel file.</summary>
    public static IEnumerable<string> KeysIn(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (TryKey(line) is { } key)
            {
                yield return key;
            }
        }
    }

    private string Line(OutboundMessage message)
    {
        var line = new JsonObject
        {
            ["idempotencyKey"] = message.IdempotencyKey,
            ["customerId"] = message.CustomerId,
            ["rule"] = message.Rule,
            ["version"] = message.Version,
            ["variant"] = message.Variant,
            ["channel"] = message.Channel,
            ["template"] = message.Template,
            ["parameters"] = JsonNode.Parse(message.ParametersJson),
            ["data"] = JsonNode.Parse(message.DataJson),
            ["decidedAt"] = message.DecidedAt,
            ["deliveredAt"] = time.GetUtcNow(),
        };
        return line.ToJsonString() + "\n";
    }

    private static string? TryKey(string line)
    {
        try
        {
            return JsonNode.Parse(line)?["idempotencyKey"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class ChannelFile(string path) : IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private HashSet<string>? _keys;

        public async Task AppendOnceAsync(string key, string line, CancellationToken ct)
        {
            await _gate.WaitAsync(ct);
            try
            {
                _keys ??= new HashSet<string>(KeysIn(path), StringComparer.Ordinal);
                if (_keys.Contains(key))
                {
                    return;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.None);
                var bytes = Encoding.UTF8.GetBytes(StartsFresh(stream) ? line : "\n" + line);
                await stream.WriteAsync(bytes, ct);
                stream.Flush(flushToDisk: true);
                _keys.Add(key);
            }
            finally
            {
                _gate.Release();
            }
        }

        public void Dispose() => _gate.Dispose();

        /// <summary>False when the file ends in a line torn by a crash: the new line must not be glued onto it.</summary>
        private bool StartsFresh(FileStream stream)
        {
            if (stream.Length == 0)
            {
                return true;
            }

            using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            reader.Seek(-1, SeekOrigin.End);
            return reader.ReadByte() == '\n';
        }
    }
}
