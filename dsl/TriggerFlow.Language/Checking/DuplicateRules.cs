using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Language.Checking;

/// <summary>Rule names are ids shared by every file of the set: each may be used once.</summary>
internal static class DuplicateRules
{
    public static void Check(RuleSet set, Reporters reporters)
    {
        var first = new Dictionary<string, (string Path, int Line)>(StringComparer.Ordinal);
        foreach (var file in set.Files)
        {
            var report = reporters.For(file.Path);
            foreach (var rule in file.Rules)
            {
                var anchor = RuleShapeChecks.Anchor(rule, report.Text);
                var name = rule.Name.Value;
                if (first.TryGetValue(name, out var earlier))
                {
                    report.Add(
                        Descriptors.DuplicateRule,
                        anchor,
                        $"rule `{name}` is already defined at {earlier.Path}:{earlier.Line}",
                        "rule names are ids across all files; rename one of them",
                        [earlier.Path]);
                }
                else
                {
                    first[name] = (file.Path, anchor.Line);
                }
            }
        }
    }
}
