using System.ComponentModel.DataAnnotations;

namespace TriggerFlow.Runtime.Deployment;

/// <summary>How silos pick up deployments, bound from <c>TriggerFlow:Deployment</c> (<c>TriggerFlow__Deployment__PollSeconds</c>).</summary>
internal sealed class DeploymentOptions
{
    public const string Section = "TriggerFlow:Deployment";

    /// <summary>
    /// How often a silo asks the registry whether another silo deployed or rolled back, in seconds.
    /// The silo that handled the request switches at once; this bounds how long the others lag. Default 5.
    /// </summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;
}
