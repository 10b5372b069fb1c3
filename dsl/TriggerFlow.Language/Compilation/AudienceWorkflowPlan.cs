using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Compilation;

/// <summary>
/// An audience as a Microsoft RulesEngine workflow: one lambda rule named <see cref="RuleName"/>
/// over the inputs <c>profile</c>, <c>signal</c> and <c>lit</c>. The expression holds no value
/// from a rule: every literal is <c>lit.l0</c>, <c>lit.l1</c>… and its value is in
/// <see cref="Literals"/>, so no rule text can become code.
/// </summary>
/// <param name="Properties">Every property the expression reads, with its catalog type, so inputs can be built typed and null-safe.</param>
/// <param name="Literals">The value of <c>lit.l{i}</c> at index i.</param>
public sealed record AudienceWorkflowPlan(
    string WorkflowName,
    string Expression,
    IReadOnlyList<InputPropertyPlan> Properties,
    IReadOnlyList<Literal> Literals)
{
    /// <summary>The name of the workflow's single rule.</summary>
    public const string RuleName = "audience";

    /// <summary>The input holding the customer's traits.</summary>
    public const string ProfileInput = "profile";

    /// <summary>The input holding the triggering signal's properties.</summary>
    public const string SignalInput = "signal";

    /// <summary>The input holding the hoisted literals.</summary>
    public const string LiteralInput = "lit";
}

/// <summary>A property the audience expression reads.</summary>
public sealed record InputPropertyPlan(PropertyScope Scope, string Name, PropertyType Type);
