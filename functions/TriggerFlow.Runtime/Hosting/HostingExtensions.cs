using Microsoft.Extensions.Options;
using TriggerFlow.Runtime.Contacts;
using TriggerFlow.Runtime.Delivery;
using TriggerFlow.Runtime.Deployment;
using TriggerFlow.Runtime.Ingestion;
using TriggerFlow.Runtime.Operations;
using TriggerFlow.Runtime.Orchestration;
using TriggerFlow.Runtime.Storage;

namespace TriggerFlow.Runtime.Hosting;

/// <summary>
/// Wires the host: configuration from <c>host.json</c> and the environment, the Orleans silo with
/// its storage, and each area's services and endpoints. Each area owns its own extension methods.
/// </summary>
public static class HostingExtensions
{
    /// <summary>Adds every TriggerFlow service to the builder.</summary>
    public static WebApplicationBuilder AddTriggerFlow(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        HostConfiguration.AddHostJson(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddOptions<TriggerFlowOptions>()
            .Bind(builder.Configuration.GetSection(TriggerFlowOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TriggerFlowOptions>>(new EnvironmentKeyValidation(builder.Environment));
        builder.Services.AddSingleton(TimeProvider.System);

        var options = builder.Configuration.GetSection(TriggerFlowOptions.Section).Get<TriggerFlowOptions>() ?? new TriggerFlowOptions();
        builder.UseOrleans(silo => silo.AddTriggerFlowStorage(options));
        builder.Services.AddTriggerFlowOrchestration();
        builder.Services.AddTriggerFlowDeployment();
        builder.Services.AddTriggerFlowDelivery();
        builder.Services.AddTriggerFlowIngestion();
        builder.Services.AddTriggerFlowOperations();
        builder.Services.AddTriggerFlowContacts();
        return builder;
    }

    /// <summary>Maps every TriggerFlow endpoint.</summary>
    public static WebApplication MapTriggerFlow(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapIngestionApi();
        app.MapDeploymentApi();
        app.MapOperationsApi();
        app.MapContactsApi();
        return app;
    }
}
