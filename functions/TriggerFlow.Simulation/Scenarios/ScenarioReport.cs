using System.Text;

namespace TriggerFlow.Simulation.Scenarios;

/// <summary>
/// Scenario results for people: a PASS or FAIL line per scenario and, for each failed
/// expectation, the line as written, what the engine decided instead, and the timeline of
/// each customer concerned.
/// </summary>
public static class ScenarioReport
{
    /// <param name="colour">ANSI colours for PASS and FAIL; false for redirected output.</param>
    public static string Text(ScenarioResult result, bool colour)
    {
        ArgumentNullException.ThrowIfNull(result);
        var output = new StringBuilder();
        var (label, code) = result.Passed ? ("PASS", "32") : ("FAIL", "31");
        output.Append(colour ? $"\u001b[1;{code}m{label}\u001b[0m" : label)
            .Append($"  {result.Name}  ({result.Path}:{result.Line})\n");
        if (result.Outcome == ScenarioOutcome.NotRun)
        {
            output.Append("  not run: the scenario has errors (shown above)\n");
        }

        foreach (var failure in result.Failures)
        {
            Failure(output, failure);
        }

        foreach (var customer in result.Failures.SelectMany(f => f.Customers).Distinct(StringComparer.Ordinal))
        {
            Timeline(output, customer, result);
        }

        return output.ToString();
    }

    /// <summary><c>N passed, M failed</c>.</summary>
    public static string Summary(IEnumerable<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results.ToList();
        var passed = list.Count(r => r.Passed);
        return $"{passed} passed, {list.Count - passed} failed";
    }

    private static void Failure(StringBuilder output, ExpectationFailure failure)
    {
        output.Append($"  line {failure.Line}\n");
        output.Append($"    expected: {failure.Expected}\n");
        for (var i = 0; i < failure.Actual.Count; i++)
        {
            output.Append(i == 0 ? "    actual:   " : "              ").Append(failure.Actual[i]).Append('\n');
        }
    }

    private static void Timeline(StringBuilder output, string customer, ScenarioResult result)
    {
        output.Append($"  {customer}'s timeline (times in {result.Zone}):\n");
        foreach (var entry in result.Timelines.GetValueOrDefault(customer) ?? [])
        {
            output.Append("    ").Append(entry).Append('\n');
        }
    }
}
