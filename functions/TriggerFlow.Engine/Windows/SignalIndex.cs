using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Engine.Windows;

/// <summary>
/// The rules one event signals, in priority order, indexed by the value of the event property most
/// of their filters test for equality (<c>where category = "tools"</c>, <c>where store in ["s1",
/// "s2"]</c>): an event is checked only against the rules its value names and the rules whose
/// filter has no such test, instead of against all of them. A rule left out has a filter that is
/// false for the event (one of the conditions it must meet is an equality the value fails), so the
/// rules checked, in their order, open exactly the windows that checking every rule would.
/// </summary>
internal sealed class SignalIndex
{
    private static readonly int[] None = [];
    private readonly Dictionary<string, int[]>? _byValue;

    public SignalIndex(IReadOnlyList<RulePlan> rules)
    {
        Rules = rules;
        var keys = rules.Select(r => KeyOf(r.Signal.Event.Filter)).ToList();
        Property = keys.Where(k => k is not null).GroupBy(k => k!.Value.Property, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
        if (Property is null)
        {
            Always = [.. Enumerable.Range(0, rules.Count)];
            return;
        }

        var byValue = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var always = new List<int>();
        for (var i = 0; i < rules.Count; i++)
        {
            if (keys[i] is not { } key || key.Property != Property)
            {
                always.Add(i);
                continue;
            }

            foreach (var value in key.Values.Distinct(StringComparer.Ordinal))
            {
                if (!byValue.TryGetValue(value, out var list))
                {
                    list = [];
                    byValue[value] = list;
                }

                list.Add(i);
            }
        }

        _byValue = byValue.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        Always = [.. always];
    }

    /// <summary>The rules, highest priority first.</summary>
    public IReadOnlyList<RulePlan> Rules { get; }

    /// <summary>The event property the index is keyed by; null when no filter tests one for equality.</summary>
    public string? Property { get; }

    /// <summary>Positions (ascending) of the rules to check for every event.</summary>
    public int[] Always { get; }

    /// <summary>Positions (ascending) of the rules whose filter's equality test the event's value passes.</summary>
    public int[] Named(IReadOnlyDictionary<string, object?> properties) =>
        _byValue is not null && properties.TryGetValue(Property!, out var value) && value is string text
        && _byValue.TryGetValue(text, out var named) ? named : None;

    /// <summary>
    /// The property and values a filter requires by equality, when it does: a comparison with
    /// <c>=</c> or a positive <c>in</c> of strings on a string property of the event, alone or as one
    /// of the conditions of an <c>and</c>.
    /// </summary>
    internal static (string Property, IReadOnlyList<string> Values)? KeyOf(ConditionPlan? filter) => filter switch
    {
        ComparePlan { Operator: ComparisonOperator.Equal, Value: StringLiteral value } compare when OnEvent(compare.Property)
            => (compare.Property.Name, [value.Value]),
        InPlan { Negated: false } @in when OnEvent(@in.Property) && @in.Values.All(v => v is StringLiteral)
            => (@in.Property.Name, [.. @in.Values.Cast<StringLiteral>().Select(v => v.Value)]),
        AndPlan and => and.Operands.Select(KeyOf).FirstOrDefault(k => k is not null),
        _ => null,
    };

    /// <summary>A string property read from the event itself (a signal's filter reads the signal event either way).</summary>
    private static bool OnEvent(PropertyRef property) =>
        property.Type == PropertyType.String && property.Scope is PropertyScope.Event or PropertyScope.Signal;
}
