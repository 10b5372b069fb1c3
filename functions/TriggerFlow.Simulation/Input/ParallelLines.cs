namespace TriggerFlow.Simulation.Input;

/// <summary>
/// Parses JSON lines on several threads and hands the records on in file order, as one reader
/// would. The calling thread splits the file into batches of lines (a byte copy); each batch is
/// parsed by a pool thread with a reader of its own (its own caches and counts, added to the
/// file's statistics at the end); at most a few batches are in flight, so memory stays flat.
/// </summary>
internal static class ParallelLines
{
    /// <summary>A batch is handed to a parser once it holds this many bytes or lines.</summary>
    public const int BatchBytes = 256 * 1024;

    public const int BatchLines = 2048;

    /// <param name="newParser">
    /// A line parser and the statistics it counts into, made once per thread that needs one. It is
    /// given blank lines too, and skips and counts them as a single reader does.
    /// </param>
    public static IEnumerable<SourceRecord> Read(Stream stream, Func<(LineParser Parse, ReadStatistics Counts)> newParser, ReadStatistics statistics, int workers)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(newParser);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var parsers = new System.Collections.Concurrent.ConcurrentBag<(LineParser Parse, ReadStatistics Counts)>();
        var made = new List<ReadStatistics>();
        var spare = new System.Collections.Concurrent.ConcurrentBag<Batch>();
        var pending = new Queue<Task<List<SourceRecord>>>();
        var batch = new Batch();
        try
        {
            foreach (var (line, number) in new Utf8Lines(stream).Read())
            {
                batch.Add(line.Span, number);
                if (batch.Length >= BatchBytes || batch.Count >= BatchLines)
                {
                    pending.Enqueue(Parse(batch));
                    batch = spare.TryTake(out var reused) ? reused : new Batch();
                    if (pending.Count > workers * 2)
                    {
                        foreach (var record in pending.Dequeue().GetAwaiter().GetResult())
                        {
                            yield return record;
                        }
                    }
                }
            }

            pending.Enqueue(Parse(batch));
            while (pending.Count > 0)
            {
                foreach (var record in pending.Dequeue().GetAwaiter().GetResult())
                {
                    yield return record;
                }
            }

            lock (made)
            {
                foreach (var counts in made)
                {
                    statistics.Add(counts);
                }
            }
        }
        finally
        {
            // A consumer that stops early leaves batches in flight: they finish on their own, unread.
            pending.Clear();
        }

        Task<List<SourceRecord>> Parse(Batch lines) => Task.Run(() =>
        {
            if (!parsers.TryTake(out var parser))
            {
                parser = newParser();
                lock (made)
                {
                    made.Add(parser.Counts);
                }
            }

            var records = new List<SourceRecord>(lines.Count + 16);
            for (var i = 0; i < lines.Count; i++)
            {
                var (text, number) = lines[i];
                parser.Parse(text, number, records);
            }

            lines.Clear();
            spare.Add(lines);
            parsers.Add(parser);
            return records;
        });
    }

    /// <summary>Lines copied out of the reader's buffer, with their numbers.</summary>
    private sealed class Batch
    {
        private readonly List<(int Start, int Length, long Number)> _lines = new(BatchLines);
        private byte[] _bytes = new byte[BatchBytes + 4096];

        public int Length { get; private set; }

        public int Count => _lines.Count;

        public (ReadOnlyMemory<byte> Text, long Number) this[int index]
        {
            get
            {
                var (start, length, number) = _lines[index];
                return (_bytes.AsMemory(start, length), number);
            }
        }

        public void Add(ReadOnlySpan<byte> line, long number)
        {
            if (Length + line.Length > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + line.Length));
            }

            line.CopyTo(_bytes.AsSpan(Length));
            _lines.Add((Length, line.Length, number));
            Length += line.Length;
        }

        public void Clear()
        {
            _lines.Clear();
            Length = 0;
        }
    }
}

/// <summary>Parses one line of an events file into records (none for a blank line), counting it.</summary>
internal delegate void LineParser(ReadOnlyMemory<byte> text, long line, List<SourceRecord> into);
