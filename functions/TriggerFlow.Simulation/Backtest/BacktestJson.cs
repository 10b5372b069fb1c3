using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using TriggerFlow.Engine.Decisions;

namespace TriggerFlow.Simulation.Backtest;

/// <summary>
/// The report as JSON with a stable schema (see docs/backtest.md): every key is always present, every
/// suppression reason is listed even at zero, rules are in name order, so reports diff cleanly.
/// </summary>
public static class BacktestJson
{
    public const int SchemaVersion = 1;

    public static string Write(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            WriteInput(json, report.Input);
            WritePeriod(json, report);
            WriteTotals(json, report);
            json.WriteStartArray("rules");
            foreach (var rule in report.Rules)
            {
                WriteRule(json, rule);
            }

            json.WriteEndArray();
            WriteDays(json, report);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The camel-case key of a suppression reason (<c>frequencyCap</c>).</summary>
    public static string Key(SuppressionReason reason) => JsonNamingPolicy.CamelCase.ConvertName(reason.ToString());

    private static void WriteInput(Utf8JsonWriter json, InputSummary input)
    {
        json.WriteStartObject("input");
        json.WriteString("file", input.File);
        json.WriteString("format", input.Format);
        json.WriteNumber("lines", input.Lines);
        json.WriteNumber("events", input.Events);
        json.WriteNumber("profiles", input.Profiles);
        json.WriteNumber("merges", input.Merges);
        json.WriteNumber("badLines", input.BadLines);
        json.WriteNumber("outOfPeriod", input.OutOfPeriod);
        json.WriteNumber("outOfOrder", input.OutOfOrder);
        json.WriteStartObject("unknownEvents");
        foreach (var (name, count) in input.UnknownEvents)
        {
            json.WriteNumber(name, count);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WritePeriod(Utf8JsonWriter json, BacktestReport report)
    {
        json.WriteStartObject("period");
        WriteInstant(json, "from", report.Period.From);
        WriteInstant(json, "to", report.Period.To);
        WriteInstant(json, "end", report.End);
        json.WriteEndObject();
    }

    private static void WriteTotals(Utf8JsonWriter json, BacktestReport report)
    {
        json.WriteStartObject("totals");
        json.WriteNumber("sends", report.Sends);
        json.WriteNumber("customersReached", report.CustomersReached);
        json.WriteNumber("ruleCapped", report.RuleCapped);
        json.WriteNumber("channelCapped", report.ChannelCapped);
        json.WriteNumber("lateEvents", report.LateEvents);
        json.WriteNumber("pendingAtEnd", report.PendingAtEnd);
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, RuleReport rule)
    {
        json.WriteStartObject();
        json.WriteString("rule", rule.Rule);
        json.WriteString("status", rule.Status);
        json.WriteStartObject("windows");
        json.WriteNumber("opened", rule.Windows.Opened);
        json.WriteNumber("restarted", rule.Windows.Restarted);
        json.WriteNumber("cancelled", rule.Windows.Cancelled);
        json.WriteNumber("expired", rule.Windows.Expired);
        json.WriteNumber("paused", rule.Windows.Paused);
        json.WriteNumber("fired", rule.Windows.Fired);
        json.WriteNumber("pending", rule.Windows.Pending);
        json.WriteEndObject();
        json.WriteNumber("sends", rule.Sends);
        json.WriteNumber("customersReached", rule.CustomersReached);
        json.WriteNumber("ruleCapped", rule.RuleCapped);
        json.WriteNumber("channelCapped", rule.ChannelCapped);
        json.WriteStartArray("rows");
        foreach (var row in rule.Rows)
        {
            WriteRow(json, row);
        }

        json.WriteEndArray();
        json.WriteStartObject("sendsPerDay");
        foreach (var (day, sends) in rule.SendsPerDay)
        {
            json.WriteNumber(Date(day), sends);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter json, SendRow row)
    {
        json.WriteStartObject();
        WriteNullable(json, "variant", row.Variant);
        WriteNullable(json, "channel", row.Channel);
        json.WriteNumber("sends", row.Sends);
        json.WriteStartObject("suppressions");
        foreach (var reason in Enum.GetValues<SuppressionReason>())
        {
            json.WriteNumber(Key(reason), row.Count(reason));
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteDays(Utf8JsonWriter json, BacktestReport report)
    {
        json.WriteStartArray("sendsPerDay");
        foreach (var day in report.Days)
        {
            json.WriteStartObject();
            json.WriteString("date", Date(day.Date));
            foreach (var channel in report.Channels)
            {
                json.WriteNumber(channel, day.SendsByChannel.GetValueOrDefault(channel));
            }

            json.WriteNumber("total", day.Total);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteInstant(Utf8JsonWriter json, string name, Instant? value) =>
        WriteNullable(json, name, value is { } v ? InstantPattern.ExtendedIso.Format(v) : null);

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
