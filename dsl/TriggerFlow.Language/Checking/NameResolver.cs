using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Checking;

/// <summary>
/// Resolves the names a rule or segment writes against the catalog and the segments, reporting
/// each one that does not resolve. A name that fails returns null and is not reported again
/// downstream, so one misspelling gives one diagnostic.
/// </summary>
internal sealed class NameResolver(CheckContext context, Reporter report)
{
    private const string EventsHint = "events are listed under `events:` in rules/catalog.yaml";

    private EventCatalog Catalog => context.Catalog;

    /// <summary>Resolves an event and checks its <c>of</c> and <c>where</c> against it.</summary>
    public EventDefinition? Event(EventReference reference)
    {
        var name = reference.Name.Text;
        if (!Catalog.Events.TryGetValue(name, out var definition))
        {
            report.Add(Descriptors.UnknownEvent, reference.Name.Span, $"unknown event `{name}`", Hints.Unknown(name, Catalog.Events.Keys, EventsHint));
            return null;
        }

        if (reference.Of is { } of && definition.Subject is null)
        {
            report.Add(
                Descriptors.EventHasNoSubject,
                of.Span,
                $"event `{name}` has no subject, so `of` has nothing to match",
                $"name the property instead, as in `{name} where {definition.Properties.Keys.FirstOrDefault() ?? "property"} = \"{of.Value}\"`, or give the event a `subject` in rules/catalog.yaml");
        }

        if (reference.Where is { } where)
        {
            new TypeChecker(report, path => Property(definition, path.Name, Spans.Names(path), $"event `{name}`"), NoSegments).Check(where);
        }

        return definition;
    }

    /// <summary>A property of <paramref name="definition"/>; <paramref name="owner"/> names it in the message.</summary>
    public PropertyType? Property(EventDefinition definition, string name, SourceSpan span, string owner)
    {
        if (definition.Properties.TryGetValue(name, out var type))
        {
            return type;
        }

        report.Add(
            Descriptors.UnknownProperty,
            span,
            $"{owner} has no property `{name}`",
            Hints.Unknown(name, definition.Properties.Keys, $"its properties are {Hints.List(definition.Properties.Keys)}"));
        return null;
    }

    /// <summary>A path in a rule's audience: a trait, a property of the signal, or an unscoped mistake.</summary>
    public PropertyType? AudiencePath(PropertyPath path, EventDefinition? signal) => path.Scope switch
    {
        PropertyScope.Profile => Trait(path),
        PropertyScope.Signal => signal is null ? null : Property(signal, path.Name, Spans.Names(path), $"the signal event `{signal.Name}`"),
        _ => Unscoped(path, signal),
    };

    /// <summary>A path in a segment definition: only traits, since a segment has no signal of its own.</summary>
    public PropertyType? SegmentPath(PropertyPath path)
    {
        switch (path.Scope)
        {
            case PropertyScope.Profile:
                return Trait(path);
            case PropertyScope.Signal:
                report.Add(
                    Descriptors.SignalPropertyInSegment,
                    path.Span,
                    $"a segment cannot read `{path}`: segments are shared by rules with different signals",
                    "move this condition into the `and` clause of the rules that need it, or test a `profile.` trait");
                return null;
            default:
                return Unscoped(path, signal: null);
        }
    }

    public void Segment(Identifier segment)
    {
        if (!context.Segments.Contains(segment.Text))
        {
            report.Add(
                Descriptors.UnknownSegment,
                segment.Span,
                $"unknown segment `{segment.Text}`",
                Hints.Unknown(segment.Text, context.Segments, "segments are defined with `segment NAME: condition`, as in rules/segments.trigger"));
        }
    }

    private static void NoSegments(Identifier segment)
    {
        // The filter grammar has no `segment` atom, so a filter never names one.
    }

    private PropertyType? Trait(PropertyPath path)
    {
        var name = path.Name;
        if (Catalog.Traits.TryGetValue(name, out var type))
        {
            return type;
        }

        report.Add(
            Descriptors.UnknownTrait,
            Spans.Names(path),
            $"unknown profile trait `{name}`",
            Hints.Unknown(name, Catalog.Traits.Keys, "traits are listed under `profile:` in rules/catalog.yaml"));
        return null;
    }

    private PropertyType? Unscoped(PropertyPath path, EventDefinition? signal)
    {
        var name = path.Name;
        var isTrait = Catalog.Traits.ContainsKey(name);
        var isSignal = signal?.Properties.ContainsKey(name) == true;
        var hint = (isTrait, isSignal) switch
        {
            (true, false) => $"write `profile.{name}`",
            (false, true) => $"write `event.{name}`",
            _ => $"write `profile.{name}` for a trait of the customer, or `event.{name}` for a property of the rule's signal",
        };
        report.Add(Descriptors.UnqualifiedAudiencePath, path.Span, $"`{name}` needs a scope: an audience reads `profile.` traits of the customer or `event.` properties of the signal", hint);
        return null;
    }
}
