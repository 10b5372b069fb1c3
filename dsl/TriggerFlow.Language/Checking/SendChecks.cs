using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Checking;

/// <summary>
/// What a rule sends: channels, templates (a rule's own name when none is written), whether the
/// template is made for the channel, and the template's parameters. Variants fall back to the
/// rule's first send for whatever they do not override.
/// </summary>
internal sealed class SendChecks(EventCatalog catalog, Reporter report)
{
    private const string TemplatesHint = "templates are listed under `templates:` in rules/catalog.yaml";

    public void Check(RuleSyntax rule)
    {
        var variants = rule.ClausesOf<VariantClause>().ToList();

        // When every variant names its own template, the send's default template is never used.
        var defaultUsed = variants.Count == 0 || variants.Any(v => v.Template is null);
        foreach (var send in rule.ClausesOf<SendClause>())
        {
            var channel = Channel(send.Channel);
            var template = send.Template is { } named ? Template(named) : defaultUsed ? DefaultTemplate(rule, send) : null;
            Fit(template, channel, send.Template?.Span ?? send.Channel.Span);
            Parameters(template, send.Parameters);
        }

        var first = rule.Clause<SendClause>();
        foreach (var variant in variants)
        {
            Variant(rule, variant, first);
        }
    }

    /// <summary>The channel, or null (reported) when the catalog does not list it.</summary>
    public string? Channel(Identifier channel)
    {
        if (catalog.Channels.Contains(channel.Text))
        {
            return channel.Text;
        }

        report.Add(Descriptors.UnknownChannel, channel.Span, $"unknown channel `{channel.Text}`", Hints.Unknown(channel.Text, catalog.Channels, $"channels are {Hints.List(catalog.Channels)}"));
        return null;
    }

    private void Variant(RuleSyntax rule, VariantClause variant, SendClause? send)
    {
        var channel = variant.Channel is { } via ? Channel(via) : send?.Channel.Text;
        var template = variant.Template is { } named ? Template(named) : Lookup(send?.Template?.Value ?? rule.Name.Value);
        if (variant.Channel is not null || variant.Template is not null)
        {
            Fit(template, channel, variant.Template?.Span ?? variant.Channel!.Span);
        }

        Parameters(template, variant.Parameters);
    }

    private TemplateDefinition? Lookup(string name) => catalog.Templates.GetValueOrDefault(name);

    private TemplateDefinition? Template(StringValue name)
    {
        if (Lookup(name.Value) is { } template)
        {
            return template;
        }

        report.Add(Descriptors.UnknownTemplate, name.Span, $"unknown template `{name.Value}`", Hints.Unknown(name.Value, catalog.Templates.Keys, TemplatesHint));
        return null;
    }

    private TemplateDefinition? DefaultTemplate(RuleSyntax rule, SendClause send)
    {
        var name = rule.Name.Value;
        if (Lookup(name) is { } template)
        {
            return template;
        }

        var example = ExampleTemplate(name, send.Channel.Text);
        report.Add(
            Descriptors.UnknownTemplate,
            Spans.Through(Spans.Prefix(send.Span, 4), send.Channel.Span),
            $"rule `{name}` names no template, and there is no template `{name}` to use by default",
            $"add `{name}` under `templates:` in rules/catalog.yaml, or name one: `send {send.Channel.Text} template \"{example}\"`");
        return null;
    }

    /// <summary>A template to offer in a hint: the one closest to the rule's name, else the first made for the channel.</summary>
    private string ExampleTemplate(string name, string channel) =>
        Parsing.Suggestions.Closest(name, catalog.Templates.Keys)
        ?? catalog.Templates.Values.FirstOrDefault(t => t.Channels.Contains(channel))?.Name
        ?? "name";

    private void Fit(TemplateDefinition? template, string? channel, SourceSpan span)
    {
        if (template is null || channel is null || template.Channels.Contains(channel))
        {
            return;
        }

        var others = catalog.Templates.Values.Where(t => t.Channels.Contains(channel)).Select(t => t.Name).Take(3);
        report.Add(
            Descriptors.TemplateChannelMismatch,
            span,
            $"template `{template.Name}` is not made for `{channel}`; it is written for {Hints.List(template.Channels)}",
            $"send it by {Hints.List(template.Channels)}, or choose a template made for `{channel}`, such as {Hints.List(others)}");
    }

    private void Parameters(TemplateDefinition? template, IEnumerable<ParameterSyntax> parameters)
    {
        foreach (var parameter in parameters)
        {
            ExperimentChecks.Percent(report, parameter.Value);
            var name = parameter.Name.Text;
            if (template is null || template.Parameters.Contains(name))
            {
                continue;
            }

            var takes = template.Parameters.Count == 0
                ? $"template `{template.Name}` takes no parameters"
                : $"template `{template.Name}` takes {Hints.List(template.Parameters)}";
            report.Add(Descriptors.UnknownParameter, parameter.Name.Span, $"template `{template.Name}` has no parameter `{name}`", Hints.Unknown(name, template.Parameters, takes));
        }
    }
}
