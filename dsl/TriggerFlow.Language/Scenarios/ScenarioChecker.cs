using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Scenarios;

/// <summary>
/// Checks a parsed scenario file against the catalog and the compiled rules: every event,
/// property, trait, channel, rule, variant and customer must be known, and every value of the
/// type the catalog gives it. Unknown names come with the closest known one.
/// </summary>
public static class ScenarioChecker
{
    public static IReadOnlyList<Diagnostic> Check(ScenarioFile file, EventCatalog catalog, PlanSet plans)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(plans);
        var diagnostics = new List<Diagnostic>();
        foreach (var scenario in file.Scenarios)
        {
            new ScenarioCheck(file.Path, catalog, plans, scenario, diagnostics).Run();
        }

        return diagnostics;
    }

    private sealed class ScenarioCheck(string path, EventCatalog catalog, PlanSet plans, ScenarioSyntax scenario, List<Diagnostic> diagnostics)
    {
        private readonly HashSet<string> _customers = new(
            scenario.Steps.OfType<CustomerStep>().Select(s => s.Customer.Text), StringComparer.Ordinal);

        public void Run()
        {
            foreach (var rule in scenario.Rules ?? [])
            {
                Rule(rule, plans.Rules.Select(r => r.Name), "the rules folder");
            }

            foreach (var step in scenario.Steps)
            {
                Step(step);
            }
        }

        private void Step(StepSyntax step)
        {
            switch (step)
            {
                case EventStep e:
                    Event(e);
                    break;
                case IdentifyStep i:
                    Traits(i.Traits);
                    break;
                case ConsentStep c:
                    Channel(c.Channel, catalog.Channels, "channels are " + List(catalog.Channels));
                    break;
                case ExpectSend s when Plan(s.Rule, s.Customer) is { } plan:
                    SentChannel(s.Channel, plan);
                    Variant(s.Variant, plan);
                    break;
                case ExpectSuppressed s:
                    Plan(s.Rule, s.Customer);
                    break;
                case ExpectWindow w:
                    Plan(w.Rule, w.Customer);
                    break;
                case ExpectNothing { Customer: { } customer }:
                    Customer(customer);
                    break;
            }
        }

        private void Event(EventStep step)
        {
            if (!catalog.Events.TryGetValue(step.Event.Text, out var definition)
                && Suggestions.Closest(step.Customer.Text.ToLowerInvariant(), ScenarioGrammar.LineStarters.Words.Where(w => w.Length > 2)) is { } keyword)
            {
                // `expcet nothing to mary` reads as customer `expcet` doing event `nothing to mary`: the keyword is the real mistake.
                diagnostics.Add(Descriptors.ScenarioSyntaxError.At(
                    path, step.Customer.Span, $"`{step.Customer.Text}` does not start a step", $"did you mean `{keyword}`?"));
                return;
            }

            if (definition is null)
            {
                var suggestion = Suggestions.Closest(step.Event.Text, catalog.Events.Keys.Append("identify"));
                diagnostics.Add(Descriptors.ScenarioUnknownEvent.At(
                    path, step.Event.Span, $"unknown event `{step.Event.Text}`", Hint(suggestion, "events are listed in catalog.yaml")));
                return;
            }

            foreach (var property in step.Properties)
            {
                if (!definition.Properties.TryGetValue(property.Name.Text, out var type))
                {
                    diagnostics.Add(Descriptors.ScenarioUnknownProperty.At(
                        path,
                        property.Name.Span,
                        $"`{step.Event.Text}` has no property `{property.Name.Text}`",
                        Hint(Suggestions.Closest(property.Name.Text, definition.Properties.Keys), $"its properties are {List(definition.Properties.Keys)}")));
                    continue;
                }

                Type(property, type);
            }
        }

        private void Traits(IReadOnlyList<AssignmentSyntax> traits)
        {
            foreach (var trait in traits)
            {
                if (!catalog.Traits.TryGetValue(trait.Name.Text, out var type))
                {
                    diagnostics.Add(Descriptors.ScenarioUnknownTrait.At(
                        path,
                        trait.Name.Span,
                        $"unknown profile trait `{trait.Name.Text}`",
                        Hint(Suggestions.Closest(trait.Name.Text, catalog.Traits.Keys), "traits are listed under `profile:` in catalog.yaml")));
                    continue;
                }

                Type(trait, type);
            }
        }

        private void Type(AssignmentSyntax assignment, PropertyType type)
        {
            if (ScenarioValues.Fits(assignment.Value, type))
            {
                return;
            }

            diagnostics.Add(Descriptors.ScenarioTypeMismatch.At(
                path,
                assignment.Value.Span,
                $"`{assignment.Name.Text}` is {ScenarioValues.Describe(type)}, not {ScenarioValues.Describe(assignment.Value)}",
                $"write {ScenarioValues.Example(type)}"));
        }

        private RulePlan? Plan(Identifier rule, Identifier customer)
        {
            Customer(customer);
            var underTest = scenario.Rules?.Select(r => r.Text).ToHashSet(StringComparer.Ordinal);
            var names = plans.Rules.Select(r => r.Name).Where(n => underTest is null || underTest.Contains(n));
            return Rule(rule, names, underTest is null ? "the rules folder" : "this scenario's `rules` line");
        }

        private RulePlan? Rule(Identifier rule, IEnumerable<string> known, string where)
        {
            var candidates = known.ToList();
            if (candidates.Contains(rule.Text))
            {
                return plans.Rules.First(r => r.Name == rule.Text);
            }

            diagnostics.Add(Descriptors.ScenarioUnknownRule.At(
                path, rule.Span, $"no rule `{rule.Text}` in {where}", Hint(Suggestions.Closest(rule.Text, candidates), $"rules are {List(candidates)}")));
            return null;
        }

        private void Customer(Identifier customer)
        {
            if (_customers.Contains(customer.Text))
            {
                return;
            }

            diagnostics.Add(Descriptors.UnknownCustomer.At(
                path,
                customer.Span,
                $"no step of this scenario happens to `{customer.Text}`",
                Hint(Suggestions.Closest(customer.Text, _customers), "expectations name a customer that an event, identify or opts line introduced")));
        }

        private void SentChannel(Identifier channel, RulePlan plan)
        {
            var sent = plan.Actions.Select(a => a.Channel).Concat(plan.Variants.Select(v => v.Channel).OfType<string>()).Distinct().ToList();
            if (!catalog.Channels.Contains(channel.Text))
            {
                Channel(channel, catalog.Channels, "channels are " + List(catalog.Channels));
            }
            else if (!sent.Contains(channel.Text))
            {
                diagnostics.Add(Descriptors.ScenarioUnknownChannel.At(
                    path, channel.Span, $"rule `{plan.Name}` never sends by {channel.Text}", $"it sends by {List(sent)}"));
            }
        }

        private void Channel(Identifier channel, IEnumerable<string> known, string help)
        {
            if (!known.Contains(channel.Text))
            {
                diagnostics.Add(Descriptors.ScenarioUnknownChannel.At(
                    path, channel.Span, $"unknown channel `{channel.Text}`", Hint(Suggestions.Closest(channel.Text, known), help)));
            }
        }

        private void Variant(StringValue? variant, RulePlan plan)
        {
            var names = plan.Variants.Select(v => v.Name).ToList();
            if (variant is null || names.Contains(variant.Value))
            {
                return;
            }

            diagnostics.Add(Descriptors.ScenarioUnknownVariant.At(
                path,
                variant.Span,
                $"rule `{plan.Name}` has no variant \"{variant.Value}\"",
                Hint(Suggestions.Closest(variant.Value, names), names.Count == 0 ? "it has no variants" : $"its variants are {List(names)}")));
        }

        private static string Hint(string? suggestion, string help) => suggestion is null ? help : $"did you mean `{suggestion}`? {help}";

        private static string List(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal).Select(n => $"`{n}`"));
    }
}
