using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Language.Checking;

/// <summary>
/// The segments of a rule set and how they refer to each other: each defined once, each condition
/// valid, and no segment defined in terms of itself.
/// </summary>
internal static class SegmentGraph
{
    private sealed record Definition(SegmentSyntax Segment, Reporter Report);

    /// <summary>Checks every segment and returns the names rules may refer to.</summary>
    public static IReadOnlySet<string> Check(RuleSet set, Reporters reporters)
    {
        var definitions = new Dictionary<string, Definition>(StringComparer.Ordinal);
        foreach (var file in set.Files)
        {
            var report = reporters.For(file.Path);
            foreach (var segment in file.Declarations.OfType<SegmentSyntax>())
            {
                if (definitions.TryGetValue(segment.Name.Text, out var first))
                {
                    report.Add(
                        Descriptors.DuplicateSegment,
                        segment.Name.Span,
                        $"segment `{segment.Name.Text}` is already defined at {first.Report.Path}:{first.Segment.Span.Line}",
                        "rename one of them, or delete this one",
                        [first.Report.Path]);
                    continue;
                }

                definitions[segment.Name.Text] = new Definition(segment, report);
            }
        }

        var names = definitions.Keys.ToHashSet(StringComparer.Ordinal);
        var context = new CheckContext(set.Catalog, names, new ChannelLimits(new Dictionary<string, IReadOnlyList<CapClause>>()), new HashSet<string>());
        foreach (var definition in definitions.Values)
        {
            var resolver = new NameResolver(context, definition.Report);
            new TypeChecker(definition.Report, resolver.SegmentPath, resolver.Segment).Check(definition.Segment.Condition);
        }

        new CycleFinder(definitions).Run();
        return names;
    }

    private static IEnumerable<Identifier> References(SegmentSyntax segment) =>
        Conditions.Atoms(segment.Condition).OfType<SegmentCondition>().Select(s => s.Segment);

    /// <summary>Depth-first search; a reference to a segment still on the path closes a cycle, reported where it is written.</summary>
    private sealed class CycleFinder(Dictionary<string, Definition> definitions)
    {
        private readonly HashSet<string> _done = new(StringComparer.Ordinal);
        private readonly List<string> _path = [];

        public void Run()
        {
            foreach (var name in definitions.Keys)
            {
                Visit(name);
            }
        }

        private void Visit(string name)
        {
            if (_done.Contains(name) || !definitions.TryGetValue(name, out var definition))
            {
                return;
            }

            _path.Add(name);
            foreach (var reference in References(definition.Segment))
            {
                var back = _path.IndexOf(reference.Text);
                if (back >= 0)
                {
                    Report(definition, reference, _path.Skip(back).Append(reference.Text).ToList());
                }
                else
                {
                    Visit(reference.Text);
                }
            }

            _path.RemoveAt(_path.Count - 1);
            _done.Add(name);
        }

        private void Report(Definition definition, Identifier reference, List<string> cycle)
        {
            var files = cycle.Select(c => definitions[c].Report.Path);
            var name = definition.Segment.Name.Text;
            var message = cycle.Count == 2
                ? $"segment `{name}` refers to itself"
                : $"segment `{name}` is part of a loop: {string.Join(" → ", cycle.Select(c => $"`{c}`"))}";
            definition.Report.Add(Descriptors.SegmentCycle, reference.Span, message, "a segment cannot be defined in terms of itself; write out the condition this reference stands for", files);
        }
    }
}
