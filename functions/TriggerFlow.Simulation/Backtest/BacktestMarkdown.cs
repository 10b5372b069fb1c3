using System.Text;

namespace TriggerFlow.Simulation.Backtest;

/// <summary>The report as GitHub-flavoured Markdown, for a pull-request comment.</summary>
public static class BacktestMarkdown
{
    public static string Write(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("### Backtest: ").AppendLine(BacktestTables.Headline(report)).AppendLine();
        foreach (var table in BacktestTables.All(report))
        {
            text.Append("#### ").AppendLine(table.Title).AppendLine();
            if (table.Rows.Count == 0)
            {
                text.AppendLine("_none_").AppendLine();
                continue;
            }

            Row(text, table.Header.Select(Escape));
            Row(text, table.Header.Select((_, i) => i < table.TextColumns ? "---" : "---:"));
            foreach (var row in table.Rows)
            {
                Row(text, row.Select(Escape));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, IEnumerable<string> cells) => text.Append("| ").AppendJoin(" | ", cells).AppendLine(" |");

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
