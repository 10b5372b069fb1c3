namespace TriggerFlow.Language.Parsing;

/// <summary>"Did you mean" suggestions by edit distance.</summary>
public static class Suggestions
{
    /// <summary>
    /// The candidate closest to <paramref name="word"/>, or null when none is close enough:
    /// within a third of the word's length in edits (at least one, at most three).
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length == 0)
        {
            return null;
        }

        var limit = Math.Clamp(word.Length / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(word, candidate, limit);
            if (distance <= limit && distance < bestDistance && !string.Equals(candidate, word, StringComparison.Ordinal))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance (edits plus adjacent swaps), ignoring case; <paramref name="limit"/> + 1 for any distance past it.</summary>
    /// <remarks>
    /// A file of many misspelt words asks for a suggestion per mistake, against every keyword. So the
    /// three rows the recurrence reads are kept on the stack (a two-dimensional array allocated per
    /// candidate was most of the time), and the work stops once no cell can come back within the limit.
    /// </remarks>
    internal static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var width = b.Length + 1;
        Span<int> rows = width <= 64 ? stackalloc int[3 * width] : new int[3 * width];
        var beforePrevious = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        var previousMinimum = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var minimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }

                minimum = Math.Min(minimum, current[j]);
            }

            // Each cell draws on the two rows above it, adding at least one to the older: when this row
            // is past the limit and the one above cannot come back within it, no later row can.
            if (minimum > limit && previousMinimum + 1 > limit)
            {
                return limit + 1;
            }

            var reused = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = reused;
            previousMinimum = minimum;
        }

        return Math.Min(previous[b.Length], limit + 1);
    }
}
