using TriggerFlow.Runtime.Storage;

namespace TriggerFlow.Runtime.Deployment;

/// <summary>
/// Keeps <see cref="DeploymentHistory"/> durable. Each change is one state write, so a deploy or a
/// rollback is either wholly active or not at all.
/// </summary>
internal sealed class DeploymentRegistryGrain(
    [PersistentState("deployments", StorageExtensions.ProviderName)] IPersistentState<DeploymentHistory> state,
    TimeProvider time) : Grain, IDeploymentRegistryGrain
{
    public async Task<DeploymentReceipt> Deploy(DeploymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var receipt = state.State.Deploy(request, time.GetUtcNow());
        if (!receipt.Unchanged)
        {
            await PersistAsync();
        }

        return receipt;
    }

    public async Task<DeploymentReceipt?> Rollback(string requestedBy)
    {
        var receipt = state.State.Rollback(time.GetUtcNow(), requestedBy);
        if (receipt is not null)
        {
            await PersistAsync();
        }

        return receipt;
    }

    public Task<ActiveDeployment?> GetActive() => Task.FromResult(
        state.State.Active is { } active
            ? new ActiveDeployment(active, state.State.PlanSets[active.Version], [.. state.State.PlanSets.Keys])
            : null);

    public Task<int> GetActiveNumber() => Task.FromResult(state.State.ActiveNumber);

    public Task<string?> GetPlanSet(string version) => Task.FromResult(state.State.PlanSets.GetValueOrDefault(version));

    public Task<IReadOnlyList<DeploymentRecord>> GetHistory() => Task.FromResult<IReadOnlyList<DeploymentRecord>>([.. state.State.Deployments]);

    private async Task PersistAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The change is in memory but not durable: drop this activation so the next call reads storage again.
            DeactivateOnIdle();
            throw;
        }
    }
}
