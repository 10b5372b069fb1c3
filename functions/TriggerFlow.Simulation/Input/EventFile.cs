using System.Diagnostics.CodeAnalysis;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Simulation.Input;

/// <summary>
/// An events file opened for one pass: its records in arrival order, read as they are consumed.
/// The file is never loaded whole; explain opens it twice.
/// </summary>
public sealed class EventFile : IDisposable
{
    private readonly Stream _stream;
    private readonly IEnumerable<SourceRecord> _records;
    private readonly string _path;
    private readonly EventCatalog _catalog;
    private readonly EventFileOptions _options;

    private EventFile(string path, EventFileFormat format, Stream stream, IEnumerable<SourceRecord> records, ReadStatistics statistics, EventCatalog catalog, EventFileOptions options)
    {
        _path = path;
        _catalog = catalog;
        _options = options;
        Name = Path.GetFileName(path);
        Format = format;
        _stream = stream;
        _records = records;
        Statistics = statistics;
    }

    /// <summary>The file's name, without its folder, for reports.</summary>
    public string Name { get; }

    public EventFileFormat Format { get; }

    public ReadStatistics Statistics { get; }

    /// <summary>Bytes read so far and the file's length, for a progress bar.</summary>
    public long Position => _stream.Position;

    public long Length => _stream.Length;

    /// <summary>
    /// Opens <paramref name="path"/>; a CSV header that does not fit the column map is an
    /// <paramref name="error"/>. I/O failures throw, for the host to report.
    /// </summary>
    public static bool TryOpen(string path, EventCatalog catalog, EventFileOptions options, [NotNullWhen(true)] out EventFile? file, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var statistics = new ReadStatistics();
        IEnumerable<SourceRecord> records;
        if (options.Format == EventFileFormat.Csv)
        {
            var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            if (!CsvReader.TryOpen(reader, catalog, options, statistics, out var csv, out error))
            {
                reader.Dispose();
                file = null;
                return false;
            }

            records = csv.Read();
        }
        else
        {
            // JSON lines are parsed from their bytes, never decoded to strings, on every core.
            records = Environment.ProcessorCount > 1
                ? ParallelLines.Read(stream, () => Parser(catalog, options), statistics, Environment.ProcessorCount)
                : new SegmentReader(stream, catalog, options, statistics).Read();
        }

        error = null;
        file = new EventFile(path, options.Format, stream, records, statistics, catalog, options);
        return true;
    }

    /// <summary>
    /// The records that pass <paramref name="keep"/>, sorted by arrival (filtering first keeps the
    /// sort buffer small). They are read, parsed and sorted on a thread of their own, ahead of the
    /// caller; <see cref="Statistics"/> are complete once the enumeration has ended.
    /// </summary>
    public IEnumerable<SourceRecord> Records(Func<SourceRecord, bool>? keep = null) =>
        ReadAhead.Of(new ArrivalOrder(ArrivalOrder.DefaultCapacity).Sort(keep is null ? _records : _records.Where(keep), Statistics), "events file reader");

    /// <summary>
    /// The identity merges in file order, unsorted (explain's first pass; the backtest's grouping of
    /// linked ids), read in a separate pass that parses only the lines that can hold one:
    /// a merge needs <c>previousId</c> (alias) or both <c>userId</c> and <c>anonymousId</c>
    /// (identify), and JSON names are matched exactly, so any other line is passed over unparsed
    /// (a line with an escape is always parsed). CSV files hold no merges. Malformed lines are left
    /// to the main pass to report.
    /// </summary>
    public IEnumerable<IdentityRecord> ScanIdentities()
    {
        if (Format == EventFileFormat.Csv)
        {
            yield break;
        }

        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var scratch = new ReadStatistics();
        foreach (var (text, _) in new Utf8Lines(stream).Read())
        {
            var line = text.Span;
            if (line.IndexOf((byte)'\\') < 0 && line.IndexOf("previousId"u8) < 0 && (line.IndexOf("anonymousId"u8) < 0 || line.IndexOf("userId"u8) < 0))
            {
                continue;
            }

            using var one = new MemoryStream(text.ToArray(), writable: false);
            foreach (var record in new SegmentReader(one, _catalog, _options, scratch).Read())
            {
                if (record is IdentityRecord identity)
                {
                    yield return identity;
                }
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>A reader of single lines with counts of its own, for one of the threads that parse in parallel.</summary>
    private static (LineParser Parse, ReadStatistics Counts) Parser(EventCatalog catalog, EventFileOptions options)
    {
        var counts = new ReadStatistics();
        return (new SegmentReader(Stream.Null, catalog, options, counts).ReadCounted, counts);
    }
}
