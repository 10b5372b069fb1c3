using System.Globalization;
using System.Text;

namespace TriggerFlow.Language.Diagnostics;

/// <summary>
/// Makes user text safe for a terminal: a rule file or a string in it may hold escape sequences
/// or bidirectional overrides, which must never reach the screen raw.
/// </summary>
internal static class Printable
{
    public const int TabWidth = 4;

    public static bool IsHidden(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>How a hidden character is shown: <c>\u001B</c>.</summary>
    public static string Escape(char c) => $"\\u{(int)c:X4}";

    /// <summary>Text for a message or hint: hidden characters escaped.</summary>
    public static string Text(string text)
    {
        if (!text.Any(IsHidden))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            result.Append(IsHidden(c) ? Escape(c) : c.ToString());
        }

        return result.ToString();
    }

    /// <summary>
    /// A source line as shown, with tabs expanded and hidden characters escaped, and where each
    /// of its characters starts on screen (one more entry for the end of the line).
    /// </summary>
    public static (string Shown, int[] Columns) Line(string line)
    {
        var shown = new StringBuilder(line.Length);
        var columns = new int[line.Length + 1];
        for (var i = 0; i < line.Length; i++)
        {
            columns[i] = shown.Length;
            var c = line[i];
            if (c == '\t')
            {
                shown.Append(' ', TabWidth - (shown.Length % TabWidth));
            }
            else
            {
                shown.Append(IsHidden(c) ? Escape(c) : c.ToString());
            }
        }

        columns[line.Length] = shown.Length;
        return (shown.ToString(), columns);
    }
}
