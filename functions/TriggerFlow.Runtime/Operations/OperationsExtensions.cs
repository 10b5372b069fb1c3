namespace TriggerFlow.Runtime.Operations;

/// <summary>The Operations area's services and endpoints.</summary>
internal static class OperationsExtensions
{
    public static IServiceCollection AddTriggerFlowOperations(this IServiceCollection services) => services;

    public static WebApplication MapOperationsApi(this WebApplication app) => app;
}
