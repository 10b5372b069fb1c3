using TriggerFlow.Engine;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Runtime.Deployment;

namespace TriggerFlow.Runtime.Tests.Ingestion;

/// <summary>
/// The catalog the ingestion tests validate against: the events the published vectors post (Segment's
/// and the CloudEvents spec's), plus two of TriggerFlow's own.
/// </summary>
internal sealed class TestRuleBook : IRuleBookProvider
{
    private static readonly Dictionary<string, PropertyType> AppInfo = new()
    {
        ["appinfoA"] = PropertyType.String,
        ["appinfoB"] = PropertyType.Number,
        // The CloudEvents spec's base64 example carries only this.
        ["xyz"] = PropertyType.Number,
        ["appinfoC"] = PropertyType.Boolean,
    };

    public DecisionEngine Engine => throw new NotSupportedException("ingestion validates against the catalog only");

    /// <summary>Settable, as a deployment changes it: a test fixes the catalog and replays the quarantine.</summary>
    public EventCatalog Catalog { get; set; } = new(
        new[]
        {
            Event("Item Purchased", ("name", PropertyType.String), ("revenue", PropertyType.Number)),
            Event("Song Played", ("name", PropertyType.String), ("artist", PropertyType.String)),
            Event("browsed category", ("category", PropertyType.String), ("url", PropertyType.String), ("name", PropertyType.String)),
            Event("added to cart", ("product", PropertyType.String), ("price", PropertyType.Number), ("quantity", PropertyType.Number)),
            new EventDefinition("com.example.someevent", null, AppInfo, null),
            new EventDefinition("com.example.someotherevent", null, AppInfo, null),
            Event("com.github.pull_request.opened"),
        }.ToDictionary(e => e.Name),
        new Dictionary<string, PropertyType> { ["age"] = PropertyType.Number, ["email"] = PropertyType.String },
        ["email", "sms", "push"],
        new Dictionary<string, TemplateDefinition>());

    public string Version => "test";

    /// <summary>The catalog with one property of one event declared as another type.</summary>
    public EventCatalog With(string eventName, string property, PropertyType type)
    {
        var events = Catalog.Events.ToDictionary(e => e.Key, e => e.Value);
        var changed = events[eventName];
        events[eventName] = changed with { Properties = new Dictionary<string, PropertyType>(changed.Properties) { [property] = type } };
        return Catalog with { Events = events };
    }

    private static EventDefinition Event(string name, params (string Name, PropertyType Type)[] properties) =>
        new(name, null, properties.ToDictionary(p => p.Name, p => p.Type), null);
}
