using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TriggerFlow.Language.Compilation;

/// <summary>
/// The JSON form of plans (camelCase, enums as kebab-case strings, every field written) and the
/// RulesEngine export of <c>triggerflow compile --emit rulesengine</c>. The same options write
/// every byte that is hashed, so a version is a function of the plan alone.
/// </summary>
public static class PlanJson
{
    private static readonly JsonSerializerOptions Indented = Create(writeIndented: true);

    /// <summary>Compact, for hashing: the bytes a version is computed from.</summary>
    internal static JsonSerializerOptions Canonical { get; } = Create(writeIndented: false);

    /// <summary>The plan set as indented JSON.</summary>
    public static string Serialize(PlanSet plans) => JsonSerializer.Serialize(plans, Indented);

    /// <summary>One rule's plan as indented JSON.</summary>
    public static string Serialize(RulePlan plan) => JsonSerializer.Serialize(plan, Indented);

    /// <summary>Reads a plan set written by <see cref="Serialize(PlanSet)"/>; false with a reason when it is not one.</summary>
    public static bool TryDeserialize(string json, [NotNullWhen(true)] out PlanSet? plans, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        plans = null;
        try
        {
            var read = JsonSerializer.Deserialize<PlanSet>(json, Indented);
            error = read is null ? "the JSON is `null`, not a plan set"
                : read.SchemaVersion != RulePlan.CurrentSchemaVersion ? $"schema version {read.SchemaVersion} is not the supported version {RulePlan.CurrentSchemaVersion}"
                : null;
            plans = error is null ? read : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // NotSupportedException: a condition or value without its `kind` or `type`.
            error = e.Message;
        }

        return plans is not null;
    }

    /// <summary>
    /// Every audience as RulesEngine workflow JSON (RulesEngine's own PascalCase shape), with, per
    /// workflow, the typed properties each input must have and the literal table for input <c>lit</c>.
    /// </summary>
    public static string EmitRulesEngine(PlanSet plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var audiences = plans.Rules.Where(r => r.Audience is not null).Select(r => r.Audience!.Workflow).ToList();
        var export = new JsonObject
        {
            ["schemaVersion"] = RulePlan.CurrentSchemaVersion,
            ["workflows"] = new JsonArray([.. audiences.Select(Workflow)]),
            ["inputs"] = new JsonObject(audiences.Select(a => Entry(a.WorkflowName, JsonSerializer.SerializeToNode(a.Properties, Indented)))),
            ["literals"] = new JsonObject(audiences.Select(a => Entry(a.WorkflowName, Literals(a.Literals)))),
        };
        return export.ToJsonString(Indented);
    }

    private static JsonObject Workflow(AudienceWorkflowPlan plan) => new()
    {
        ["WorkflowName"] = plan.WorkflowName,
        ["Rules"] = new JsonArray(new JsonObject
        {
            ["RuleName"] = AudienceWorkflowPlan.RuleName,
            ["RuleExpressionType"] = "LambdaExpression",
            ["Expression"] = plan.Expression,
        }),
    };

    private static JsonObject Literals(IReadOnlyList<Literal> literals) =>
        new(literals.Select((l, i) => Entry("l" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.SerializeToNode(l, Indented))));

    private static KeyValuePair<string, JsonNode?> Entry(string key, JsonNode? value) => new(key, value);

    private static JsonSerializerOptions Create(bool writeIndented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = writeIndented,

            // Plans are read by people in reviews and by tools, never embedded in HTML: keep
            // `&&`, `>` and non-ASCII text as they are instead of \u escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

            // Every field is written, nulls included, and required when read: a plan that lost a
            // field is rejected rather than read with a default nobody chose.
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },

            // A condition may be as deep as the parser allows (Grammar.MaxConditionDepth), and
            // each level is up to three JSON levels (object, operand list, operand).
            MaxDepth = 1024,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
