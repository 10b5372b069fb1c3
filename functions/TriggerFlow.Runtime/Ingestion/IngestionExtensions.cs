using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TriggerFlow.Runtime.Hosting;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Ingestion.CloudEvents;
using TriggerFlow.Runtime.Ingestion.Documentation;
using TriggerFlow.Runtime.Ingestion.Quarantine;
using TriggerFlow.Runtime.Ingestion.Requests;
using TriggerFlow.Runtime.Ingestion.Segment;
using TriggerFlow.Runtime.Ingestion.Sources;
using TriggerFlow.Runtime.Ingestion.Statistics;
using TriggerFlow.Runtime.Operations;
using TriggerFlow.Runtime.Storage.Quarantine;
using TriggerFlow.Runtime.Storage.Sqlite;

namespace TriggerFlow.Runtime.Ingestion;

/// <summary>The Ingestion area's services and endpoints: Segment and CloudEvents in, customer grains (or the quarantine) out, statistics beside.</summary>
internal static class IngestionExtensions
{
    public static IServiceCollection AddTriggerFlowIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QuarantineOptions>().BindConfiguration(QuarantineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StatisticsOptions>().BindConfiguration(StatisticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<IIngestSink, GrainIngestSink>();

        // The silo's storage registers the database when it runs on SQLite; a host of ingestion alone opens the same file itself.
        services.TryAddSingleton(sp => new SqliteDatabase(Path.GetFullPath(sp.GetRequiredService<IOptions<TriggerFlowOptions>>().Value.DataDir)));
        services.TryAddSingleton(QuarantineStore);
        services.AddSingleton<ItemQuarantine>();
        services.AddSingleton<QuarantineReplay>();
        services.AddSingleton<IngestionStatistics>();
        services.AddSingleton<WriteKeys>();
        services.AddSingleton<RequestGate>();
        services.AddSingleton<Acceptor>();
        services.AddSingleton<IngestionFlow>();
        services.AddIngestionOpenApi();

        // The quarantine and statistics endpoints take the admin key; its scheme must be in the document even without the Operations area.
        services.Configure<OpenApiOptions>("v1", AdminKey.AddSecurityScheme);
        return services;
    }

    public static WebApplication MapIngestionApi(this WebApplication app)
    {
        app.MapSegmentApi();
        app.MapCloudEventsApi();
        app.MapQuarantineApi();
        app.MapStatisticsApi();
        if (app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.Benchmark)
        {
            app.MapBenchmarkApi();
        }

        app.MapIngestionReference();

        // Made now rather than at the first request, so the statistics count "since the host started" as they say.
        app.Services.GetRequiredService<IngestionStatistics>();
        return app;
    }

    /// <summary>The quarantine where the state is: in <c>triggerflow.db</c> for one silo, in Redis for a cluster, so every silo sees every item.</summary>
    private static IQuarantineStore QuarantineStore(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TriggerFlowOptions>>().Value;
        return options.Storage == "redis"
            ? new RedisQuarantineStore(options.Redis!, options.ServiceId)
            : new SqliteQuarantineStore(services.GetRequiredService<SqliteDatabase>());
    }
}
