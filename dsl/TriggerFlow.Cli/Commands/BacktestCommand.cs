using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;
using TriggerFlow.Simulation.Backtest;
using TriggerFlow.Simulation.Input;

namespace TriggerFlow.Cli.Commands;

/// <summary><c>triggerflow backtest</c>: what the rules would have sent, replaying recorded events on a virtual clock.</summary>
internal sealed class BacktestCommand : Command
{
    /// <summary>Malformed lines shown one by one under --skip-bad; the rest are counted.</summary>
    private const int BadLinesShown = 20;

    private const string Text = "text";
    private const string Json = "json";
    private const string Markdown = "markdown";

    private readonly CliContext _context;
    private readonly Argument<string[]> _paths = CommandArguments.Paths();
    private readonly EventFileArguments _events = new();
    private readonly Option<string?> _from = new("--from") { Description = "Replay events from this day (2026-07-01, UTC) or instant (2026-07-01T09:00:00Z) on." };
    private readonly Option<string?> _to = new("--to") { Description = "Replay up to and including this day (or up to this instant), and stop the clock there." };
    private readonly Option<string> _format = new("--format") { Description = "text (a table), json (a stable schema) or markdown (for a pull-request comment).", DefaultValueFactory = _ => Text };

    public BacktestCommand(CliContext context)
        : base("backtest", "Replay recorded events through the rules (drafts included) and report what they would have sent.")
    {
        _context = context;
        Arguments.Add(_paths);
        _events.AddTo(this);
        Options.Add(_from);
        Options.Add(_to);
        _format.AcceptOnlyFromAmong(Text, Json, Markdown);
        Options.Add(_format);
        SetAction(Run);
    }

    private int Run(ParseResult parsed)
    {
        if (!CompiledRules.TryCompile(_context, CommandArguments.PathsOrDefault(parsed, _paths), out var load, out var plans, out var exitCode))
        {
            return exitCode;
        }

        if (!TryPeriod(parsed, out var period))
        {
            return ExitCodes.UsageOrIoError;
        }

        if (!_events.TryOptions(parsed, load.Set.Catalog, out var options, out var error))
        {
            _context.Error.WriteLine($"error: {error}");
            return ExitCodes.UsageOrIoError;
        }

        var path = _events.EventsPath(parsed);
        if (!EventFileArguments.TryOpen(_context, path, load.Set.Catalog, options, out var file))
        {
            return ExitCodes.UsageOrIoError;
        }

        using (file)
        {
            var bad = new List<BadLine>();
            var settings = new BacktestSettings { Period = period, SkipBad = _events.SkipBad(parsed), OnBadLine = bad.Add };
            var outcome = Replay(file, plans, settings);
            return outcome.Report is { } report ? Finish(parsed, path, file, report, bad) : Stopped(path, outcome.StoppedAt!);
        }
    }

    private BacktestOutcome Replay(EventFile file, Language.Compilation.PlanSet plans, BacktestSettings settings)
    {
        if (!IsInteractive())
        {
            return Backtester.Run(file, plans, settings);
        }

        // On a terminal only: the bar goes to stderr, and never into a redirected report or a CI log.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress().Start(progress =>
        {
            // Two passes: the file is read once, then the customers are decided bucket by bucket.
            var reading = progress.AddTask("reading events", maxValue: Math.Max(1, file.Length));
            var deciding = progress.AddTask("deciding", maxValue: 1);
            var outcome = Backtester.Run(file, plans, new BacktestSettings
            {
                Period = settings.Period,
                SkipBad = settings.SkipBad,
                OnBadLine = settings.OnBadLine,
                OnProgress = () => reading.Value = file.Position,
                OnDecided = (done, all) =>
                {
                    reading.Value = reading.MaxValue;
                    deciding.MaxValue = all;
                    deciding.Value = done;
                },
            });
            reading.Value = reading.MaxValue;
            deciding.Value = deciding.MaxValue;
            return outcome;
        });
    }

    private bool IsInteractive() =>
        ReferenceEquals(_context.Out, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    private int Finish(ParseResult parsed, string path, EventFile file, BacktestReport report, List<BadLine> bad)
    {
        foreach (var line in bad.Take(BadLinesShown))
        {
            _context.Error.WriteLine($"skipped {EventFileArguments.Describe(path, line)}");
        }

        if (bad.Count > BadLinesShown)
        {
            _context.Error.WriteLine($"skipped {bad.Count - BadLinesShown} more malformed lines");
        }

        foreach (var warning in file.Statistics.Warnings())
        {
            _context.Error.WriteLine(warning);
        }

        switch (parsed.GetValue(_format))
        {
            case Json:
                _context.Out.WriteLine(BacktestJson.Write(report));
                break;
            case Markdown:
                _context.Out.Write(BacktestMarkdown.Write(report));
                break;
            default:
                BacktestText.Write(_context.Out, report, _context.UseColour);
                break;
        }

        return ExitCodes.Ok;
    }

    private int Stopped(string path, BadLine bad)
    {
        _context.Error.WriteLine($"error: {EventFileArguments.Describe(path, bad)}");
        _context.Error.WriteLine("stopped at the first malformed line; --skip-bad reports each one and goes on");
        return ExitCodes.RuleErrors;
    }

    private bool TryPeriod(ParseResult parsed, out ReplayPeriod period)
    {
        period = ReplayPeriod.All;
        if (!TryMoment(parsed.GetValue(_from), "--from", endOfDay: false, out var from) || !TryMoment(parsed.GetValue(_to), "--to", endOfDay: true, out var to))
        {
            return false;
        }

        if (from is { } f && to is { } t && t <= f)
        {
            return Usage("--to must be after --from");
        }

        period = new ReplayPeriod(from, to);
        return true;
    }

    /// <summary>A day means its start (UTC) for --from and the start of the next day for --to, so both days are included.</summary>
    private bool TryMoment(string? text, string option, bool endOfDay, out Instant? moment)
    {
        moment = null;
        if (text is null)
        {
            return true;
        }

        if (LocalDatePattern.Iso.Parse(text) is { Success: true } date)
        {
            moment = (endOfDay ? date.Value.PlusDays(1) : date.Value).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
            return true;
        }

        if (InstantPattern.ExtendedIso.Parse(text) is { Success: true } instant)
        {
            moment = instant.Value;
            return true;
        }

        return Usage($"{option} `{text}` is not a date (2026-07-01) or an instant (2026-07-01T09:00:00Z)");
    }

    /// <summary>Reports a usage problem; false, so callers can return it.</summary>
    private bool Usage(string message)
    {
        _context.Error.WriteLine($"error: {message}");
        return false;
    }
}
