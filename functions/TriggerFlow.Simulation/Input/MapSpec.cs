namespace TriggerFlow.Simulation.Input;

/// <summary>Splits <c>a=b,c=d</c> option values into pairs; names may hold spaces but not commas.</summary>
internal static class MapSpec
{
    /// <summary>The pairs; on the first malformed one, <paramref name="error"/> is set and the pairs before it are returned.</summary>
    public static List<(string From, string To)> Pairs(IEnumerable<string> specs, string option, out string? error)
    {
        error = null;
        var pairs = new List<(string, string)>();
        foreach (var item in specs.SelectMany(s => s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == item.Length - 1)
            {
                error = $"{option} `{item}`: expected name=value, as in {Example(option)}";
                return pairs;
            }

            pairs.Add((item[..equals].Trim(), item[(equals + 1)..].Trim()));
        }

        return pairs;
    }

    private static string Example(string option) =>
        option == "--map" ? "--map timestamp=ts,customer=visitorid,event=event" : "--event-map view=viewed product,transaction=purchase";
}
