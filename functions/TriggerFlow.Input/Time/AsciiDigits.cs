namespace TriggerFlow.Input.Time;

/// <summary>ASCII digits read as a number, for the timestamp readers (no sign, no separators, no culture).</summary>
internal static class AsciiDigits
{
    /// <summary>The digits' value; false when any character is not an ASCII digit. The caller bounds the length (19 digits at most fit).</summary>
    public static bool TryRead(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        foreach (var c in text)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
