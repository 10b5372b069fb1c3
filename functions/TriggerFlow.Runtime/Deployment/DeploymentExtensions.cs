namespace TriggerFlow.Runtime.Deployment;

/// <summary>The Deployment area's services and endpoints.</summary>
internal static class DeploymentExtensions
{
    public static IServiceCollection AddTriggerFlowDeployment(this IServiceCollection services) => services;

    public static WebApplication MapDeploymentApi(this WebApplication app) => app;
}
