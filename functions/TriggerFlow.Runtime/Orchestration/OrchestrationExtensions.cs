namespace TriggerFlow.Runtime.Orchestration;

/// <summary>The Orchestration area's services and endpoints.</summary>
internal static class OrchestrationExtensions
{
    public static IServiceCollection AddTriggerFlowOrchestration(this IServiceCollection services) => services;
}
