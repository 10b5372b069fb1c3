using Microsoft.Win32.SafeHandles;

namespace TriggerFlow.Simulation.Backtest.Partitioning;

/// <summary>
/// Encoded records set aside by customer bucket. Each bucket fills a buffer in memory; a full
/// buffer is appended to one temporary file (created on first need, deleted when this is
/// disposed), so memory stays flat however long the events file. A bucket reads back as its
/// chunks in the order written, each holding whole records.
/// </summary>
internal sealed class CustomerBuckets : IDisposable
{
    /// <summary>A bucket's buffer is written out once it holds this much.</summary>
    public const int ChunkBytes = 128 * 1024;

    private readonly ByteSink[] _open;
    private readonly List<(long Offset, int Length)>[] _spilled;
    private readonly string _folder;
    private SafeFileHandle? _file;
    private long _fileLength;

    /// <param name="folder">Where the temporary file goes (the system's temporary folder by default).</param>
    public CustomerBuckets(int count, string? folder = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _open = new ByteSink[count];
        _spilled = new List<(long, int)>[count];
        for (var i = 0; i < count; i++)
        {
            // Sized for a full chunk from the start: grown buffers would be garbage on the large-object heap.
            _open[i] = new ByteSink(ChunkBytes + (16 * 1024));
            _spilled[i] = [];
        }

        _folder = folder ?? Path.GetTempPath();
    }

    public int Count => _open.Length;

    /// <summary>Bytes written out to the temporary file so far.</summary>
    public long SpilledBytes => _fileLength;

    /// <summary>The path of the temporary file, once one was needed.</summary>
    public string? SpillPath { get; private set; }

    /// <summary>The buffer to encode the next record of <paramref name="bucket"/> into; call <see cref="EndRecord"/> after it.</summary>
    public ByteSink Sink(int bucket) => _open[bucket];

    /// <summary>Writes the bucket's buffer out once it is full: whole records only, so a chunk decodes on its own.</summary>
    public void EndRecord(int bucket)
    {
        var sink = _open[bucket];
        if (sink.Length < ChunkBytes)
        {
            return;
        }

        var file = _file ??= Create();
        try
        {
            RandomAccess.Write(file, sink.Written, _fileLength);
        }
        catch (IOException e)
        {
            throw new IOException($"the backtest could not write its temporary file {SpillPath} ({e.Message}); set TMPDIR to a folder with room for about 50 bytes per event", e);
        }

        _spilled[bucket].Add((_fileLength, sink.Length));
        _fileLength += sink.Length;
        sink.Clear();
    }

    /// <summary>
    /// Hands each chunk of <paramref name="bucket"/> to <paramref name="read"/>, in order. Safe to
    /// call for different buckets on different threads once writing has ended.
    /// </summary>
    /// <param name="scratch">The caller's buffer for chunks read back from the file; grown when too small.</param>
    public void ReadBack(int bucket, ref byte[] scratch, ChunkReader read)
    {
        foreach (var (offset, length) in _spilled[bucket])
        {
            if (scratch.Length < length)
            {
                scratch = new byte[Math.Max(length, scratch.Length * 2)];
            }

            var chunk = scratch.AsSpan(0, length);
            var done = 0;
            while (done < length)
            {
                var got = RandomAccess.Read(_file!, chunk[done..], offset + done);
                if (got == 0)
                {
                    throw new IOException($"the backtest's temporary file {SpillPath} ended early: it was changed or truncated while the backtest ran");
                }

                done += got;
            }

            read(chunk);
        }

        read(_open[bucket].Written);
    }

    public void Dispose() => _file?.Dispose();

    private SafeFileHandle Create()
    {
        SpillPath = Path.Combine(_folder, $"triggerflow-backtest-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            return File.OpenHandle(SpillPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"the backtest could not create its temporary file in {_folder} ({e.Message}); set TMPDIR to a writable folder with room for about 50 bytes per event", e);
        }
    }
}

/// <summary>Receives one chunk of a bucket's encoded records.</summary>
internal delegate void ChunkReader(ReadOnlySpan<byte> chunk);
