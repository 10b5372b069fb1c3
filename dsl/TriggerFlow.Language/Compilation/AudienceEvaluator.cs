using System.Linq.Dynamic.Core;
using RulesEngine.Models;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Compilation;

/// <summary>
/// Runs compiled audiences through Microsoft RulesEngine: the reference evaluation that the
/// engine's direct evaluation of <see cref="AudiencePlan.Condition"/> must agree with.
/// Build one per plan set and reuse it: RulesEngine compiles each workflow once and caches it.
/// </summary>
public sealed class AudienceEvaluator
{
    private readonly RulesEngine.RulesEngine _engine;
    private readonly Dictionary<string, AudienceInputs?> _rules;

    /// <summary>Prepares every audience in <paramref name="rules"/>; rules without one match everyone.</summary>
    public AudienceEvaluator(IEnumerable<RulePlan> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.ToDictionary(r => r.Name, r => r.Audience is { } a ? new AudienceInputs(a.Workflow) : null, StringComparer.Ordinal);
        var workflows = _rules.Values.OfType<AudienceInputs>().Select(i => RulesEngineEmitter.ToWorkflow(i.Plan)).ToArray();

        // Case-sensitive so `profile.Country` can never quietly read `country`; no custom types, so an
        // expression can call nothing beyond what System.Linq.Dynamic.Core allows on predefined types.
        _engine = new RulesEngine.RulesEngine(workflows, new ReSettings { IsExpressionCaseSensitive = true, CustomTypes = [] });
    }

    /// <summary>
    /// Whether the customer with <paramref name="profile"/> is in the audience of rule <paramref name="ruleName"/>
    /// for a signal with <paramref name="signal"/> properties. Missing keys, null values and values of the wrong
    /// type all count as "not set".
    /// </summary>
    /// <exception cref="ArgumentException">No rule has that name.</exception>
    /// <exception cref="InvalidOperationException">RulesEngine could not run the workflow: a compiler bug.</exception>
    public async Task<bool> EvaluateAsync(
        string ruleName,
        IReadOnlyDictionary<string, object?> profile,
        IReadOnlyDictionary<string, object?> signal,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(signal);
        if (!_rules.TryGetValue(ruleName, out var inputs))
        {
            throw new ArgumentException($"no rule named `{ruleName}`", nameof(ruleName));
        }

        if (inputs is null)
        {
            return true;
        }

        var results = await _engine.ExecuteAllRulesAsync(inputs.Plan.WorkflowName, inputs.Parameters(profile, signal), cancellationToken).ConfigureAwait(false);
        var result = results.Single();
        return string.IsNullOrEmpty(result.ExceptionMessage)
            ? result.IsSuccess
            : throw new InvalidOperationException($"audience of `{ruleName}` failed in RulesEngine: {result.ExceptionMessage}");
    }

    /// <summary>Builds the typed <c>profile</c>, <c>signal</c> and <c>lit</c> inputs one workflow reads.</summary>
    private sealed class AudienceInputs
    {
        private readonly InputShape _profile;
        private readonly InputShape _signal;
        private readonly object _literals;

        public AudienceInputs(AudienceWorkflowPlan plan)
        {
            Plan = plan;
            _profile = new InputShape(plan.Properties.Where(p => p.Scope == PropertyScope.Profile));
            _signal = new InputShape(plan.Properties.Where(p => p.Scope == PropertyScope.Signal));
            _literals = InputValues.Literals(plan.Literals);
        }

        public AudienceWorkflowPlan Plan { get; }

        public RuleParameter[] Parameters(IReadOnlyDictionary<string, object?> profile, IReadOnlyDictionary<string, object?> signal) =>
        [
            new(AudienceWorkflowPlan.ProfileInput, _profile.Create(profile)),
            new(AudienceWorkflowPlan.SignalInput, _signal.Create(signal)),
            new(AudienceWorkflowPlan.LiteralInput, _literals),
        ];
    }

    /// <summary>A class with one nullable property per property read, so every read is typed and a missing one is null.</summary>
    private sealed class InputShape
    {
        private readonly IReadOnlyList<InputPropertyPlan> _properties;
        private readonly Type _type;

        public InputShape(IEnumerable<InputPropertyPlan> properties)
        {
            _properties = [.. properties];
            _type = DynamicClassFactory.CreateType([.. _properties.Select(p => new DynamicProperty(p.Name, InputValues.ClrType(p.Type)))], false);
        }

        public object Create(IReadOnlyDictionary<string, object?> values)
        {
            var instance = Activator.CreateInstance(_type)!;
            foreach (var property in _properties)
            {
                var value = values.TryGetValue(property.Name, out var raw) ? InputValues.Convert(raw, property.Type) : null;
                _type.GetProperty(property.Name)!.SetValue(instance, value);
            }

            return instance;
        }
    }
}
