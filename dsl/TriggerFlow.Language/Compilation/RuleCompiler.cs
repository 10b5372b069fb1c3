using TriggerFlow.Language.Checking;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Language.Compilation;

/// <summary>
/// Compiles a checked rule set into versioned plans. Deterministic: the same rules give
/// byte-identical plans in any file order and any layout, because files are read in path
/// order, the first of two same-named declarations wins (the checker reports the second),
/// rules are ordered by name and versions ignore source positions.
/// </summary>
public static class RuleCompiler
{
    /// <summary>
    /// The plans for <paramref name="set"/>; none when the checker or the compiler finds an error.
    /// Never throws on any rule text.
    /// </summary>
    public static CompilationResult Compile(RuleSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var diagnostics = RuleChecker.Check(set).ToList();
        if (diagnostics.Any(d => d.IsError))
        {
            return new CompilationResult(null, diagnostics);
        }

        var rules = CompileRules(set, diagnostics);
        var governance = Governance(set, diagnostics);
        if (diagnostics.Any(d => d.IsError) || governance is null)
        {
            return new CompilationResult(null, diagnostics);
        }

        var ordered = rules.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new CompilationResult(new PlanSet(PlanHashing.SetVersion(ordered, governance), ordered, governance), diagnostics);
    }

    private static List<RulePlan> CompileRules(RuleSet set, List<Diagnostic> diagnostics)
    {
        var segments = FirstByName(set.Segments, s => s.Name.Text);
        var lowering = new RuleLowering(set.Catalog, new ConditionLowering(set.Catalog, segments));
        var plans = new List<RulePlan>();
        foreach (var file in set.Files)
        {
            foreach (var rule in file.Rules)
            {
                try
                {
                    var plan = PlanHashing.WithVersion(lowering.Lower(rule, file.Path));
                    if (plans.Any(p => p.Name == plan.Name))
                    {
                        throw new CompilationError(rule.Name.Span, $"another rule is already named `{plan.Name}`");
                    }

                    plans.Add(plan);
                }
                catch (CompilationError error)
                {
                    diagnostics.Add(error.ToDiagnostic(file.Path));
                }
            }
        }

        return plans;
    }

    private static GovernancePlan? Governance(RuleSet set, List<Diagnostic> diagnostics)
    {
        var channels = new List<ChannelCapsPlan>();
        foreach (var (channel, declaration) in FirstByName(set.ChannelCaps, c => c.Channel.Text).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var windowed = declaration.Caps.Where(c => c.Scope is DurationCapScope).ToList();
            if (windowed.Count != declaration.Caps.Count)
            {
                diagnostics.Add(new CompilationError(declaration.Span, $"channel `{channel}` caps must count over a duration").ToDiagnostic(PathOf(set, declaration)));
                return null;
            }

            channels.Add(new ChannelCapsPlan(channel, [.. windowed
                .Select(c => new ChannelCapPlan((int)c.Count.Value, ((DurationCapScope)c.Scope).Window.TotalSeconds))
                .OrderBy(c => c.WindowSeconds)
                .ThenBy(c => c.Count)]));
        }

        var quiet = set.DefaultQuietHours.FirstOrDefault();
        return new GovernancePlan(channels, quiet is null ? null : RuleLowering.Range(quiet.Hours));
    }

    private static Dictionary<string, T> FirstByName<T>(IEnumerable<T> declarations, Func<T, string> name) =>
        declarations.GroupBy(name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static string PathOf(RuleSet set, DeclarationSyntax declaration) =>
        set.Files.First(f => f.Declarations.Any(d => ReferenceEquals(d, declaration))).Path;
}
