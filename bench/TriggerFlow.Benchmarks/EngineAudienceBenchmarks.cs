using BenchmarkDotNet.Attributes;
using NodaTime;
using TriggerFlow.Engine.Conditions;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Benchmarks;

/// <summary>
/// What one audience check costs on the engine's fast path (<see cref="ConditionEvaluator"/> on
/// the condition tree) and through Microsoft RulesEngine (<see cref="AudienceEvaluator"/>, the
/// reference), for the same audience, profile and signal.
/// </summary>
[MemoryDiagnoser]
public class EngineAudienceBenchmarks
{
    private const string Audience = "segment back-to-school and event.price >= 50 and profile.country in [\"US\", \"CA\"]";

    private RulePlan _plan = null!;
    private AudienceEvaluator _reference = null!;
    private Dictionary<string, object?> _profile = [];
    private Dictionary<string, object?> _plainProfile = [];
    private Dictionary<string, object?> _signal = [];

    [GlobalSetup]
    public async Task Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "triggerflow-bench-audience-rules");
        EngineWorkload.WriteRulesFolder(RulesFolderLocator.Find(), folder, 0);
        File.WriteAllText(Path.Combine(folder, "audience.trigger"), $"rule \"audience\"\n  when viewed product\n  and {Audience}\n  send push template \"related-products\"\n");
        _plan = EngineWorkload.Compile(folder).Rules.Single();
        _reference = new AudienceEvaluator([_plan]);
        _profile = new() { ["has_children"] = true, ["last_school_purchase"] = new LocalDate(2025, 9, 1), ["country"] = "CA" };
        _plainProfile = new() { ["has_children"] = true, ["last_school_purchase"] = new DateOnly(2025, 9, 1), ["country"] = "CA" };
        _signal = new() { ["price"] = 79.99m, ["category"] = "kids" };
        if (!ConditionEvaluator.Evaluate(_plan.Audience!.Condition, new ConditionScope(_signal, _signal, _profile))
            || !await _reference.EvaluateAsync(_plan.Name, _plainProfile, _signal))
        {
            throw new InvalidOperationException("the benchmark's customer should be in the audience on both paths");
        }
    }

    [Benchmark(Baseline = true, Description = "audience: engine fast path (ConditionEvaluator)")]
    public bool FastPath() => ConditionEvaluator.Evaluate(_plan.Audience!.Condition, new ConditionScope(_signal, _signal, _profile));

    [Benchmark(Description = "audience: RulesEngine (AudienceEvaluator)")]
    public Task<bool> RulesEngine() => _reference.EvaluateAsync(_plan.Name, _plainProfile, _signal);
}
