namespace TriggerFlow.Runtime.Deployment;

/// <summary>
/// The cluster's one record of rule deployments: every set ever deployed and which one is active.
/// A singleton (key <see cref="DeploymentRegistry.Key"/>), so deploys and rollbacks are serialised.
/// </summary>
[Alias("TriggerFlow.Runtime.IDeploymentRegistryGrain")]
internal interface IDeploymentRegistryGrain : IGrainWithStringKey
{
    /// <summary>Stores the set and activates it in one persisted write; the active set again changes nothing.</summary>
    [Alias("Deploy")]
    Task<DeploymentReceipt> Deploy(DeploymentRequest request);

    /// <summary>Activates the deployment before the active one that was not itself rolled back; null when there is none.</summary>
    [Alias("Rollback")]
    Task<DeploymentReceipt?> Rollback(string requestedBy);

    /// <summary>The active deployment with its plans and catalog; null before the first deploy.</summary>
    [Alias("GetActive")]
    Task<ActiveDeployment?> GetActive();

    /// <summary>The active deployment's number (0 before the first deploy): a cheap poll for other silos.</summary>
    [Alias("GetActiveNumber")]
    Task<int> GetActiveNumber();

    /// <summary>A stored plan set's JSON by version; null when no deployment had that version.</summary>
    [Alias("GetPlanSet")]
    Task<string?> GetPlanSet(string version);

    /// <summary>Every deployment, oldest first.</summary>
    [Alias("GetHistory")]
    Task<IReadOnlyList<DeploymentRecord>> GetHistory();
}

/// <summary>Where the registry lives.</summary>
internal static class DeploymentRegistry
{
    public const string Key = "rules";

    public static IDeploymentRegistryGrain Get(IGrainFactory grains) => grains.GetGrain<IDeploymentRegistryGrain>(Key);
}

/// <summary>A compiled set to activate.</summary>
/// <param name="PlanSetJson">The set as <c>PlanJson.Serialize</c> writes it.</param>
/// <param name="DeployedBy">Who asked, as the client said (the admin key carries no identity).</param>
/// <param name="Origin">What deployed it: <c>api</c>, or <c>startup</c> for the rules folder loaded at start-up.</param>
[GenerateSerializer, Immutable]
[Alias("TriggerFlow.Runtime.DeploymentRequest")]
internal sealed record DeploymentRequest(
    [property: Id(0)] string Version,
    [property: Id(1)] string PlanSetJson,
    [property: Id(2)] string CatalogText,
    [property: Id(3)] string DeployedBy,
    [property: Id(4)] string Origin);

/// <summary>What a deploy or rollback left active.</summary>
/// <param name="Unchanged">True when the request asked for what was already active.</param>
/// <param name="Replaced">The deployment active before; null for the first deploy and when nothing changed.</param>
[GenerateSerializer, Immutable]
[Alias("TriggerFlow.Runtime.DeploymentReceipt")]
internal sealed record DeploymentReceipt(
    [property: Id(0)] DeploymentRecord Active,
    [property: Id(1)] bool Unchanged,
    [property: Id(2)] DeploymentRecord? Replaced);

/// <summary>One deployment. Numbers start at 1 and follow the order deployments were made.</summary>
/// <param name="RolledBackAt">When a rollback retired it; a retired deployment is skipped by later rollbacks.</param>
/// <param name="RolledBackBy">Who asked for that rollback.</param>
[GenerateSerializer, Immutable]
[Alias("TriggerFlow.Runtime.DeploymentRecord")]
internal sealed record DeploymentRecord(
    [property: Id(0)] int Number,
    [property: Id(1)] string Version,
    [property: Id(2)] string CatalogText,
    [property: Id(3)] DateTimeOffset DeployedAt,
    [property: Id(4)] string DeployedBy,
    [property: Id(5)] string Origin,
    [property: Id(6)] DateTimeOffset? RolledBackAt,
    [property: Id(7)] string? RolledBackBy);

/// <summary>The active deployment, its plans, and every version stored, so a silo can load the ones it lacks.</summary>
[GenerateSerializer, Immutable]
[Alias("TriggerFlow.Runtime.ActiveDeployment")]
internal sealed record ActiveDeployment(
    [property: Id(0)] DeploymentRecord Record,
    [property: Id(1)] string PlanSetJson,
    [property: Id(2)] IReadOnlyList<string> StoredVersions);
