using Microsoft.AspNetCore.OpenApi;
using Orleans.Dashboard;

namespace TriggerFlow.Runtime.Operations;

/// <summary>The Operations area's services and endpoints: health, readiness, the Orleans dashboard, customer inspection.</summary>
internal static class OperationsExtensions
{
    /// <summary>Where the Orleans dashboard is mounted.</summary>
    public const string DashboardPath = "/dashboard";

    public static IServiceCollection AddTriggerFlowOperations(this IServiceCollection services)
    {
        services.AddSingleton<Readiness>();

        // The document the ingestion area adds with AddOpenApi() ("v1"); this only adds the admin key's scheme to it.
        services.Configure<OpenApiOptions>("v1", AdminKey.AddSecurityScheme);

        // Adds to the one silo HostingExtensions configures: Orleans applies each AddOrleans delegate to the same builder.
        services.AddOrleans(silo => silo.AddDashboard());
        return services;
    }

    public static WebApplication MapOperationsApi(this WebApplication app)
    {
        app.MapHealthApi();
        app.MapCustomersApi();
        app.MapOrleansDashboard(DashboardPath)
            .RequireAdminKeyOffLoopback()
            .ExcludeFromDescription();
        return app;
    }
}
