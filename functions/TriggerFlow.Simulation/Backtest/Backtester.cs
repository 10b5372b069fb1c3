using TriggerFlow.Engine;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Simulation.Input;

namespace TriggerFlow.Simulation.Backtest;

/// <summary>How to run a backtest.</summary>
public sealed class BacktestSettings
{
    public ReplayPeriod Period { get; init; } = ReplayPeriod.All;

    /// <summary>Report malformed lines and go on (<c>--skip-bad</c>); otherwise the first one stops the run. Default false.</summary>
    public bool SkipBad { get; init; }

    /// <summary>The engine's options; drafts run, since a backtest is how a draft is judged.</summary>
    public EngineOptions Engine { get; init; } = new() { IncludeDraftRules = true };

    /// <summary>Called with each malformed line (when skipping them), for the host to report.</summary>
    public Action<BadLine>? OnBadLine { get; init; }

    /// <summary>Called every <see cref="Backtester.ProgressEvery"/> records, for a progress bar.</summary>
    public Action? OnProgress { get; init; }
}

/// <summary>A finished backtest: the report, or the malformed line that stopped it.</summary>
public sealed record BacktestOutcome(BacktestReport? Report, BadLine? StoppedAt);

/// <summary>Replays an events file through the simulator and counts what every rule would have done.</summary>
public static class Backtester
{
    public const int ProgressEvery = 4096;

    public static BacktestOutcome Run(EventFile file, PlanSet plans, BacktestSettings settings)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(settings);
        var engine = new DecisionEngine(new RuleBook(plans), settings.Engine);
        var tally = new BacktestTally();
        var simulator = new Simulator(engine, tally.Record);
        var replay = new Replay(simulator, settings.Period);
        var count = 0L;
        foreach (var record in file.Records())
        {
            if (record is BadLine bad)
            {
                if (!settings.SkipBad)
                {
                    return new BacktestOutcome(null, bad);
                }

                settings.OnBadLine?.Invoke(bad);
                continue;
            }

            replay.Apply(record);
            if (++count % ProgressEvery == 0)
            {
                settings.OnProgress?.Invoke();
            }
        }

        var end = replay.Finish(engine);
        var input = Summary(file, replay);
        return new BacktestOutcome(tally.Report(plans, input, settings.Period, end, simulator.Customers.Values), null);
    }

    private static InputSummary Summary(EventFile file, Replay replay)
    {
        var s = file.Statistics;
        return new InputSummary(file.Name, file.Format == EventFileFormat.Csv ? "csv" : "segment", s.Lines, s.Events, s.Profiles, s.Merges, s.BadLines, replay.OutOfPeriod, s.OutOfOrder, s.UnknownEvents);
    }
}
