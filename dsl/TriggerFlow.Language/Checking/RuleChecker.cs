using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Language.Checking;

/// <summary>Checks a rule set: names, types, windows, tests and governance.</summary>
public static class RuleChecker
{
    /// <summary>Every problem in the set: those found while reading, then the semantic ones, in file and line order.</summary>
    /// <remarks>Never throws on any input: every check reports and carries on, so one run shows every mistake.</remarks>
    public static IReadOnlyList<Diagnostic> Check(RuleSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var found = new List<Diagnostic>(set.ReadDiagnostics);
        var reporters = new Reporters(set, found);
        var segments = SegmentGraph.Check(set, reporters);
        var limits = GovernanceChecks.Check(set, reporters);
        var readErrors = set.ReadDiagnostics.Where(d => d.IsError).Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var context = new CheckContext(set.Catalog, segments, limits, readErrors);
        foreach (var file in set.Files)
        {
            var report = reporters.For(file.Path);
            foreach (var rule in file.Rules)
            {
                new RuleChecks(context, report).Check(rule);
            }
        }

        DuplicateRules.Check(set, reporters);
        return found
            .OrderBy(d => d.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Line)
            .ThenBy(d => d.Span.Column)
            .ToList();
    }
}
