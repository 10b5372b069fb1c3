using System.Diagnostics.CodeAnalysis;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Input.Time;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Simulation.Input;

/// <summary>
/// Reads events from CSV with a header row, streaming: a column map says which column holds the
/// timestamp, the customer, the event and each property (typed by the catalog); other columns are
/// ignored with one warning. Every record is one event.
/// </summary>
public sealed class CsvReader
{
    private readonly CsvRecords _records;
    private readonly EventCatalog _catalog;
    private readonly EventFileOptions _options;
    private readonly ReadStatistics _statistics;
    private readonly IReadOnlyList<string> _header;
    private readonly Dictionary<string, int> _fixed;
    private readonly List<(string Property, int Column)> _properties;

    private CsvReader(CsvRecords records, EventCatalog catalog, EventFileOptions options, ReadStatistics statistics, IReadOnlyList<string> header)
    {
        _records = records;
        _catalog = catalog;
        _options = options;
        _statistics = statistics;
        _header = header;
        _fixed = ColumnMap.FixedTargets
            .Select(t => (Target: t, Column: ColumnOf(t)))
            .Where(p => p.Column >= 0)
            .ToDictionary(p => p.Target, p => p.Column, StringComparer.Ordinal);
        _properties = ColumnMap.PropertyNames(catalog)
            .Select(p => (Property: p, Column: ColumnOf(p)))
            .Where(p => p.Column >= 0)
            .OrderBy(p => p.Column)
            .ToList();
    }

    /// <summary>
    /// Reads the header and checks the column map against it; a map that does not fit the file is
    /// an <paramref name="error"/> naming the columns the file has.
    /// </summary>
    public static bool TryOpen(TextReader reader, EventCatalog catalog, EventFileOptions options, ReadStatistics statistics, [NotNullWhen(true)] out CsvReader? csv, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        csv = null;
        var records = new CsvRecords(reader);
        var header = records.Next(out error)?.Select(h => h.Trim()).ToList();
        if (header is null || error is not null)
        {
            error = header is null ? "the CSV file is empty: it needs a header row" : $"line 1 (the header): {error}";
            return false;
        }

        var missing = options.Columns.Targets.FirstOrDefault(t => !header.Contains(t.Value, StringComparer.Ordinal));
        if (missing.Key is not null)
        {
            error = $"--map {missing.Key}={missing.Value}: the CSV header has no column `{missing.Value}` (columns: {string.Join(", ", header)})";
            return false;
        }

        csv = new CsvReader(records, catalog, options, statistics, header);
        return csv.CheckRequired(out error);
    }

    public IEnumerable<SourceRecord> Read()
    {
        WarnIgnoredColumns();
        while (_records.Next(out var error) is { } fields)
        {
            if (fields is [""] && error is null)
            {
                continue;
            }

            _statistics.Lines++;
            var record = error is null ? ReadRecord(fields, _records.StartLine) : new BadLine(_records.StartLine, null, error);
            _statistics.BadLines += record is BadLine ? 1 : 0;
            if (record is not null)
            {
                yield return record;
            }
        }
    }

    private bool CheckRequired([NotNullWhen(false)] out string? error)
    {
        var absent = new[] { ColumnMap.Timestamp, ColumnMap.Customer, ColumnMap.Event }.Where(t => !_fixed.ContainsKey(t)).ToList();
        error = absent.Count == 0
            ? null
            : $"the CSV header has no column for {string.Join(", ", absent)} (columns: {string.Join(", ", _header)}); map them with --map, as in --map timestamp=ts,customer=visitorid,event=event";
        return error is null;
    }

    private void WarnIgnoredColumns()
    {
        var used = _fixed.Values.Concat(_properties.Select(p => p.Column)).ToHashSet();
        foreach (var column in Enumerable.Range(0, _header.Count).Where(c => !used.Contains(c)))
        {
            _statistics.IgnoredField($"column: {_header[column]}");
        }
    }

    /// <summary>The event the record holds; null for an event not in the catalog (counted).</summary>
    private SourceRecord? ReadRecord(List<string> fields, long line)
    {
        if (fields.Count != _header.Count)
        {
            return new BadLine(line, null, $"expected {_header.Count} fields as in the header, found {fields.Count}");
        }

        var customer = fields[_fixed[ColumnMap.Customer]];
        if (customer.Length == 0)
        {
            return new BadLine(line, _header[_fixed[ColumnMap.Customer]], "the customer id is empty");
        }

        if (!TryTime(fields, ColumnMap.Timestamp, line, out var eventTime, out var bad) || !TryArrival(fields, line, eventTime, out var arrival, out bad))
        {
            return bad;
        }

        var name = fields[_fixed[ColumnMap.Event]];
        if (_options.EventNames.Resolve(name, _catalog) is not { } definition)
        {
            _statistics.UnknownEvent(_options.EventNames.Renamed(name));
            return null;
        }

        if (!TryProperties(fields, definition, line, out var properties, out bad))
        {
            return bad;
        }

        var message = _fixed.TryGetValue(ColumnMap.Message, out var m) && fields[m].Length > 0 ? fields[m] : $"line-{line}";
        _statistics.Events++;
        return new CustomerRecord(line, customer, new EventInput(message, definition.Name, properties, eventTime, arrival));
    }

    private bool TryTime(List<string> fields, string target, long line, out NodaTime.Instant instant, out BadLine? bad)
    {
        var column = _fixed[target];
        var text = fields[column];
        bad = Timestamps.TryParse(text, out instant) ? null : new BadLine(line, _header[column], Timestamps.Problem(text.Trim()));
        return bad is null;
    }

    private bool TryArrival(List<string> fields, long line, NodaTime.Instant eventTime, out NodaTime.Instant arrival, out BadLine? bad)
    {
        bad = null;
        arrival = eventTime;
        return !_fixed.TryGetValue(ColumnMap.Arrival, out var column) || fields[column].Length == 0 || TryTime(fields, ColumnMap.Arrival, line, out arrival, out bad);
    }

    /// <summary>The event's own properties from their columns; empty cells are left out.</summary>
    private bool TryProperties(List<string> fields, EventDefinition definition, long line, out Dictionary<string, object?> properties, out BadLine? bad)
    {
        bad = null;
        properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (property, column) in _properties)
        {
            if (fields[column].Length == 0 || !definition.Properties.TryGetValue(property, out var type))
            {
                continue;
            }

            if (!PropertyValues.TryFromText(fields[column], type, out var value, out var error))
            {
                bad = new BadLine(line, _header[column], $"{property}: {error}");
                return false;
            }

            properties[property] = value;
        }

        return true;
    }

    /// <summary>The column a target is read from: its mapping, else a column of the same name, else -1.</summary>
    private int ColumnOf(string target)
    {
        var name = _options.Columns.Targets.GetValueOrDefault(target, target);
        for (var i = 0; i < _header.Count; i++)
        {
            if (_header[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
