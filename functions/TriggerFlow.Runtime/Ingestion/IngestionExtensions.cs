using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.CloudEvents;
using TriggerFlow.Runtime.Ingestion.Documentation;
using TriggerFlow.Runtime.Ingestion.Requests;
using TriggerFlow.Runtime.Ingestion.Segment;
using TriggerFlow.Runtime.Ingestion.Sources;

namespace TriggerFlow.Runtime.Ingestion;

/// <summary>The Ingestion area's services and endpoints: Segment and CloudEvents in, customer grains out.</summary>
internal static class IngestionExtensions
{
    public static IServiceCollection AddTriggerFlowIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIngestSink, GrainIngestSink>();
        services.AddSingleton<WriteKeys>();
        services.AddSingleton<RequestGate>();
        services.AddSingleton<Acceptor>();
        services.AddSingleton<IngestionFlow>();
        services.AddIngestionOpenApi();
        return services;
    }

    public static WebApplication MapIngestionApi(this WebApplication app)
    {
        app.MapSegmentApi();
        app.MapCloudEventsApi();
        if (app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.Benchmark)
        {
            app.MapBenchmarkApi();
        }

        app.MapIngestionReference();
        return app;
    }
}
