using System.Diagnostics.CodeAnalysis;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Simulation.Input;

/// <summary>
/// An events file opened for one pass: its records in arrival order, read as they are consumed.
/// The file is never loaded whole; explain opens it twice.
/// </summary>
public sealed class EventFile : IDisposable
{
    private readonly StreamReader _reader;
    private readonly IEnumerable<SourceRecord> _records;

    private EventFile(string path, EventFileFormat format, StreamReader reader, IEnumerable<SourceRecord> records, ReadStatistics statistics)
    {
        Name = Path.GetFileName(path);
        Format = format;
        _reader = reader;
        _records = records;
        Statistics = statistics;
    }

    /// <summary>The file's name, without its folder, for reports.</summary>
    public string Name { get; }

    public EventFileFormat Format { get; }

    public ReadStatistics Statistics { get; }

    /// <summary>Bytes read so far and the file's length, for a progress bar.</summary>
    public long Position => _reader.BaseStream.Position;

    public long Length => _reader.BaseStream.Length;

    /// <summary>
    /// Opens <paramref name="path"/>; a CSV header that does not fit the column map is an
    /// <paramref name="error"/>. I/O failures throw, for the host to report.
    /// </summary>
    public static bool TryOpen(string path, EventCatalog catalog, EventFileOptions options, [NotNullWhen(true)] out EventFile? file, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reader = new StreamReader(path);
        var statistics = new ReadStatistics();
        IEnumerable<SourceRecord> records;
        if (options.Format == EventFileFormat.Csv)
        {
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
            records = new SegmentReader(reader, catalog, options, statistics).Read();
        }

        error = null;
        file = new EventFile(path, options.Format, reader, records, statistics);
        return true;
    }

    /// <summary>The records that pass <paramref name="keep"/>, sorted by arrival (filtering first keeps the sort buffer small).</summary>
    public IEnumerable<SourceRecord> Records(Func<SourceRecord, bool>? keep = null) =>
        new ArrivalOrder(ArrivalOrder.DefaultCapacity).Sort(keep is null ? _records : _records.Where(keep), Statistics);

    /// <summary>The identity merges in file order, unsorted: explain's first pass, which only collects ids.</summary>
    public IEnumerable<IdentityRecord> Identities() => _records.OfType<IdentityRecord>();

    public void Dispose() => _reader.Dispose();
}
