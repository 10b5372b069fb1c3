namespace TriggerFlow.Runtime.Ingestion;

/// <summary>The Ingestion area's services and endpoints.</summary>
internal static class IngestionExtensions
{
    public static IServiceCollection AddTriggerFlowIngestion(this IServiceCollection services) => services;

    public static WebApplication MapIngestionApi(this WebApplication app) => app;
}
