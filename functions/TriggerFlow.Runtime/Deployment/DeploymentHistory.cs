namespace TriggerFlow.Runtime.Deployment;

/// <summary>
/// The registry's persisted state and the rules for changing it. Pure: the grain passes the time
/// in, and persists after each change. Plan sets are stored once per version, however often
/// they are deployed; each deployment keeps its own catalog, because a catalog can change
/// (a new event for ingestion) without changing any plan.
/// </summary>
[GenerateSerializer]
[Alias("TriggerFlow.Runtime.DeploymentHistory")]
internal sealed class DeploymentHistory
{
    /// <summary>Every deployment, oldest first; a deployment's number is its position plus one.</summary>
    [Id(0)]
    public List<DeploymentRecord> Deployments { get; set; } = [];

    /// <summary>Plan-set JSON by version.</summary>
    [Id(1)]
    public Dictionary<string, string> PlanSets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The active deployment's number; 0 before the first deploy.</summary>
    [Id(2)]
    public int ActiveNumber { get; set; }

    public DeploymentRecord? Active => ActiveNumber == 0 ? null : Deployments[ActiveNumber - 1];

    /// <summary>Activates <paramref name="request"/>, unless it is what is active already.</summary>
    public DeploymentReceipt Deploy(DeploymentRequest request, DateTimeOffset now)
    {
        if (Active is { } active && active.Version == request.Version && active.CatalogText == request.CatalogText)
        {
            return new DeploymentReceipt(active, Unchanged: true, Replaced: null);
        }

        var replaced = Active;
        var record = new DeploymentRecord(Deployments.Count + 1, request.Version, request.CatalogText, now, request.DeployedBy, request.Origin, RolledBackAt: null, RolledBackBy: null);
        Deployments.Add(record);
        PlanSets[request.Version] = request.PlanSetJson;
        ActiveNumber = record.Number;
        return new DeploymentReceipt(record, Unchanged: false, replaced);
    }

    /// <summary>Retires the active deployment and activates the latest earlier one still in good standing; null when none is.</summary>
    public DeploymentReceipt? Rollback(DateTimeOffset now, string requestedBy)
    {
        if (Active is not { } active)
        {
            return null;
        }

        var previous = Deployments.Take(active.Number - 1).LastOrDefault(d => d.RolledBackAt is null);
        if (previous is null)
        {
            return null;
        }

        var retired = active with { RolledBackAt = now, RolledBackBy = requestedBy };
        Deployments[active.Number - 1] = retired;
        ActiveNumber = previous.Number;
        return new DeploymentReceipt(previous, Unchanged: false, retired);
    }
}
