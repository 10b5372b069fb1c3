using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Simulation.Input;

namespace TriggerFlow.Cli.Commands;

/// <summary>The options that say how to read an events file; backtest and explain share them.</summary>
internal sealed class EventFileArguments
{
    private readonly Option<string> _events = new("--events")
    {
        Description = "The events file: JSON lines in the Segment Tracking API shape, or CSV (a file named *.csv, or with --csv).",
        Required = true,
    };

    private readonly Option<bool> _csv = new("--csv") { Description = "The events file is CSV with a header row (see --map); implied for a file named *.csv." };

    private readonly Option<string[]> _map = new("--map")
    {
        Description = "CSV columns: target=column pairs, comma-separated; targets are timestamp, customer, event, message, arrival or a catalog property (product=itemid).",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> _eventMap = new("--event-map")
    {
        Description = "The file's event names to the catalog's: name=catalog event pairs, comma-separated (view=viewed product,transaction=purchase).",
    };

    private readonly Option<string?> _pageEvent = new("--page-event")
    {
        Description = $"The catalog event Segment page calls become, or `none` to ignore them (default: {EventFileOptions.DefaultPageEvent}, when the catalog has it).",
    };

    private readonly Option<bool> _skipBad = new("--skip-bad") { Description = "Report malformed lines and go on, instead of stopping at the first one." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _events, _csv, _map, _eventMap, _pageEvent, _skipBad })
        {
            command.Options.Add(option);
        }
    }

    public string EventsPath(ParseResult parsed) => parsed.GetValue(_events)!;

    public bool SkipBad(ParseResult parsed) => parsed.GetValue(_skipBad);

    /// <summary>The reader options, checked against the catalog; a wrong mapping is a usage <paramref name="error"/>.</summary>
    public bool TryOptions(ParseResult parsed, EventCatalog catalog, [NotNullWhen(true)] out EventFileOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        if (!EventNameMap.TryParse(parsed.GetValue(_eventMap) ?? [], catalog, out var names, out error)
            || !ColumnMap.TryParse(parsed.GetValue(_map) ?? [], catalog, out var columns, out error)
            || !TryPageEvent(parsed.GetValue(_pageEvent), catalog, out var pageEvent, out error))
        {
            return false;
        }

        var csv = parsed.GetValue(_csv) || IsCsvName(EventsPath(parsed));
        if (columns.Targets.Count > 0 && !csv)
        {
            error = "--map applies to CSV files: add --csv (a file named *.csv is read as CSV without it)";
            return false;
        }

        options = new EventFileOptions
        {
            Format = csv ? EventFileFormat.Csv : EventFileFormat.Segment,
            EventNames = names,
            Columns = columns,
            PageEvent = pageEvent,
        };
        return true;
    }

    /// <summary>Opens the events file; a file that cannot be read, or a CSV header that does not fit the map, is reported.</summary>
    public static bool TryOpen(CliContext context, string path, EventCatalog catalog, EventFileOptions options, [NotNullWhen(true)] out EventFile? file)
    {
        var resolved = context.Resolve(path);
        if (!File.Exists(resolved))
        {
            context.Error.WriteLine($"error: the events file `{path}` does not exist");
            file = null;
            return false;
        }

        if (EventFile.TryOpen(resolved, catalog, options, out file, out var error))
        {
            return true;
        }

        context.Error.WriteLine($"error: {path}: {error}");
        return false;
    }

    /// <summary>How a malformed line is shown: <c>file:line: field: problem</c>, as compilers do, so editors can jump to it.</summary>
    public static string Describe(string path, BadLine bad) =>
        bad.Field is null ? $"{path}:{bad.Line}: {bad.Message}" : $"{path}:{bad.Line}: {bad.Field}: {bad.Message}";

    /// <summary>A file named <c>*.csv</c> (any case) is CSV: a dataset is then read with <c>--map</c> and <c>--event-map</c> alone.</summary>
    private static bool IsCsvName(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    private static bool TryPageEvent(string? given, EventCatalog catalog, out string? pageEvent, [NotNullWhen(false)] out string? error)
    {
        error = null;
        pageEvent = null;
        if (given is null)
        {
            // Not asked for: pages become the default event when this catalog has it, else they are ignored.
            pageEvent = catalog.Events.ContainsKey(EventFileOptions.DefaultPageEvent) ? EventFileOptions.DefaultPageEvent : null;
            return true;
        }

        if (given == "none")
        {
            return true;
        }

        if (catalog.Events.ContainsKey(given))
        {
            pageEvent = given;
            return true;
        }

        error = $"--page-event `{given}` is not an event in the catalog; use `none` to ignore page calls";
        return false;
    }
}
