namespace TriggerFlow.Runtime.Deployment;

/// <summary>The Deployment area's services and endpoints.</summary>
internal static class DeploymentExtensions
{
    public static IServiceCollection AddTriggerFlowDeployment(this IServiceCollection services)
    {
        services.AddOptions<DeploymentOptions>()
            .BindConfiguration(DeploymentOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RuleBookProvider>();
        services.AddSingleton<IRuleBookProvider>(sp => sp.GetRequiredService<RuleBookProvider>());
        services.AddSingleton<RuleDeployer>();

        // Registered after the silo (HostingExtensions adds Orleans first), so the silo is up when it starts.
        services.AddHostedService<RuleBookRefresher>();
        return services;
    }

    public static WebApplication MapDeploymentApi(this WebApplication app)
    {
        app.MapRulesApi();
        return app;
    }
}
