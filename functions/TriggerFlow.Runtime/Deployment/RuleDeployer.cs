using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Runtime.Deployment;

/// <summary>
/// Compiles a package, activates it in the registry and switches this silo's engine to it. The one
/// path for every deployment: the admin API and the rules folder loaded at start-up.
/// </summary>
internal sealed class RuleDeployer(IGrainFactory grains, RuleBookProvider provider)
{
    public async Task<DeployOutcome> DeployAsync(RulePackage package, string deployedBy, string origin, CancellationToken cancellationToken)
    {
        var compiled = package.Compile();
        if (compiled.Plans is not { } plans)
        {
            return new DeployOutcome(compiled, Receipt: null);
        }

        var request = new DeploymentRequest(plans.Version, PlanJson.Serialize(plans), package.Catalog.Text, deployedBy, origin);
        var receipt = await DeploymentRegistry.Get(grains).Deploy(request);
        await provider.RefreshAsync(cancellationToken);
        return new DeployOutcome(compiled, receipt);
    }

    /// <summary>The receipt of the rollback; null when there is no earlier deployment to return to.</summary>
    public async Task<DeploymentReceipt?> RollbackAsync(string requestedBy, CancellationToken cancellationToken)
    {
        var receipt = await DeploymentRegistry.Get(grains).Rollback(requestedBy);
        await provider.RefreshAsync(cancellationToken);
        return receipt;
    }
}

/// <summary>A deploy's result: the compilation, and the registry's receipt when it compiled.</summary>
internal sealed record DeployOutcome(PackageCompilation Compilation, DeploymentReceipt? Receipt);
