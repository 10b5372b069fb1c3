using Spectre.Console;
using TriggerFlow.Simulation.Backtest;

namespace TriggerFlow.Cli.Commands;

/// <summary>The backtest report as aligned tables for people (Spectre.Console).</summary>
internal static class BacktestText
{
    /// <summary>Wide enough for every column on one line; a report read in a file or a CI log must not wrap.</summary>
    private const int Width = 240;

    public static void Write(TextWriter writer, BacktestReport report, bool colour)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = Width;
        console.WriteLine(BacktestTables.Headline(report));
        foreach (var table in BacktestTables.All(report))
        {
            console.WriteLine();
            console.WriteLine(table.Title);
            console.Write(Render(table));
        }
    }

    private static Table Render(ReportTable source)
    {
        var table = new Table().Border(TableBorder.Simple);
        for (var i = 0; i < source.Header.Count; i++)
        {
            var column = new TableColumn(new Text(source.Header[i]));
            table.AddColumn(i < source.TextColumns ? column : column.RightAligned());
        }

        foreach (var row in source.Rows)
        {
            table.AddRow(row.Select(cell => new Text(cell)).ToArray());
        }

        return table;
    }
}
