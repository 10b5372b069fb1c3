namespace TriggerFlow.Cli.Reporting;

/// <summary>The few ANSI colours the CLI's own lines use.</summary>
internal static class Ansi
{
    public const string Red = "\u001b[31m";
    public const string Green = "\u001b[32m";
    private const string Reset = "\u001b[0m";

    public static string Paint(string text, string colour, bool enabled) => enabled ? colour + text + Reset : text;
}
