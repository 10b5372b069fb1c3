using Orleans.Storage;
using TriggerFlow.Runtime.Deployment;
using TriggerFlow.Runtime.Storage;

namespace TriggerFlow.Runtime.Operations;

/// <summary>
/// Whether this host can take traffic: its silo is active in the cluster, grain storage answers a
/// read, and a rule set is loaded. Each probe is bounded, so a hung store makes the host not ready
/// rather than hanging the load balancer's check.
/// </summary>
internal sealed class Readiness(ISiloStatusOracle silo, IServiceProvider services, IRuleBookProvider rules)
{
    private const string Reachable = "reachable";
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(2);
    private static readonly GrainId ProbeGrain = GrainId.Create("triggerflow-readiness", "probe");

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var siloActive = silo.CurrentStatus == SiloStatus.Active;
        var storage = siloActive ? await ProbeStorageAsync(cancellationToken) : "not checked: the silo is not active";
        var rulesVersion = rules.Version.Length > 0 ? rules.Version : null;
        var ready = siloActive && storage == Reachable && rulesVersion is not null;
        return new ReadinessReport(ready ? "ready" : "not ready", silo.CurrentStatus.ToString(), storage, rulesVersion);
    }

    private async Task<string> ProbeStorageAsync(CancellationToken cancellationToken)
    {
        try
        {
            var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageExtensions.ProviderName);
            await storage.ReadStateAsync("readiness", ProbeGrain, new GrainState<ReadinessProbe>(), cancellationToken)
                .WaitAsync(StorageTimeout, cancellationToken);
            return Reachable;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"unreachable: {e.GetType().Name}: {e.Message}";
        }
    }
}

/// <summary>The readiness answer; <see cref="Status"/> is <c>ready</c> exactly when the response is 200.</summary>
/// <param name="Silo">The silo's status: <c>Active</c> when it serves calls.</param>
/// <param name="Storage"><c>reachable</c>, or why not.</param>
/// <param name="RulesVersion">The active plan-set version; null when no rule set is loaded.</param>
public sealed record ReadinessReport(string Status, string Silo, string Storage, string? RulesVersion);

/// <summary>The state type of the storage probe; never written.</summary>
[GenerateSerializer]
[Alias("TriggerFlow.Runtime.ReadinessProbe")]
internal sealed class ReadinessProbe;
