using Microsoft.Extensions.Options;
using NodaTime;
using TriggerFlow.Engine;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Runtime.Hosting;

namespace TriggerFlow.Runtime.Deployment;

/// <summary>
/// The engine for the registry's active deployment, built once per deployment and swapped in whole,
/// so readers always see one consistent engine and catalog. Refreshed at once after a deploy or a
/// rollback made through this silo, and by <see cref="RuleBookRefresher"/>'s poll for those made
/// through another. Before any deployment the engine has no rules and <see cref="Version"/> is empty.
/// </summary>
internal sealed partial class RuleBookProvider : IRuleBookProvider, IDisposable
{
    private readonly IGrainFactory _grains;
    private readonly EngineOptions _engineOptions;
    private readonly ILogger<RuleBookProvider> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    // Plan sets never change once stored, so each version is fetched and parsed once per silo.
    private readonly Dictionary<string, PlanSet> _planSets = new(StringComparer.Ordinal);
    private volatile LoadedRules _current;

    public RuleBookProvider(IGrainFactory grains, IOptions<TriggerFlowOptions> options, ILogger<RuleBookProvider> logger)
    {
        _grains = grains;
        _logger = logger;
        _engineOptions = EngineOptionsFrom(options.Value);
        _current = new LoadedRules(0, new DecisionEngine(new RuleBook(new PlanSet("", [], new GovernancePlan([], null))), _engineOptions), EventCatalog.Empty);
    }

    public DecisionEngine Engine => _current.Engine;

    public EventCatalog Catalog => _current.Catalog;

    /// <summary>The active plan-set version; empty before the first deployment.</summary>
    public string Version => _current.Engine.Book.Plans.Version;

    /// <summary>The number of the deployment loaded; 0 before the first.</summary>
    public int DeploymentNumber => _current.DeploymentNumber;

    /// <summary>Loads the registry's active deployment when it is not the one loaded.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var active = await DeploymentRegistry.Get(_grains).GetActive();
            if (active is null || active.Record.Number == _current.DeploymentNumber)
            {
                return;
            }

            _current = await LoadAsync(active);
            LogLoaded(active.Record.Number, Version);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Dispose() => _refreshing.Dispose();

    /// <summary>The engine settings from <c>host.json</c>; validated here so a bad time zone stops start-up.</summary>
    internal static EngineOptions EngineOptionsFrom(TriggerFlowOptions options)
    {
        var engine = new EngineOptions
        {
            AllowedLateness = Duration.FromSeconds(options.AllowedLatenessSeconds),
            CollisionInterval = Duration.FromSeconds(options.CollisionIntervalSeconds),
            DefaultTimeZone = options.DefaultTimeZone,
            ConsentByDefault = options.ConsentByDefault,
        };
        engine.Validate();
        return engine;
    }

    private async Task<LoadedRules> LoadAsync(ActiveDeployment active)
    {
        var plans = Parse(active.Record.Version, active.PlanSetJson);
        _planSets[plans.Version] = plans;
        foreach (var version in active.StoredVersions.Where(v => !_planSets.ContainsKey(v)))
        {
            if (await DeploymentRegistry.Get(_grains).GetPlanSet(version) is { } json)
            {
                _planSets[version] = Parse(version, json);
            }
        }

        // Windows opened under an earlier version finish under it, so the book keeps every stored plan.
        var earlier = _planSets.Values.Where(p => p.Version != plans.Version).SelectMany(p => p.Rules);
        var catalog = CatalogLoader.Load(EventCatalog.FileName, active.Record.CatalogText).Catalog;
        return new LoadedRules(active.Record.Number, new DecisionEngine(new RuleBook(plans, earlier), _engineOptions), catalog);
    }

    private static PlanSet Parse(string version, string json) =>
        PlanJson.TryDeserialize(json, out var plans, out var error)
            ? plans
            : throw new InvalidOperationException($"the stored plan set {version} cannot be read: {error}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Rules loaded: deployment {Number}, version {Version}")]
    private partial void LogLoaded(int number, string version);

    private sealed record LoadedRules(int DeploymentNumber, DecisionEngine Engine, EventCatalog Catalog);
}
