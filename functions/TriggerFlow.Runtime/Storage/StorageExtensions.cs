using System.Net;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using StackExchange.Redis;
using TriggerFlow.Runtime.Hosting;
using TriggerFlow.Runtime.Storage.Json;
using TriggerFlow.Runtime.Storage.Sqlite;

namespace TriggerFlow.Runtime.Storage;

/// <summary>
/// Durable state for the silo: the embedded SQLite file by default (one silo, localhost
/// clustering), or Orleans' Redis providers for a cluster. Either way grain state is stored as
/// <see cref="StorageJson"/> JSON under <see cref="ProviderName"/>, and reminders are durable.
/// </summary>
internal static class StorageExtensions
{
    /// <summary>The grain storage provider name every TriggerFlow grain uses.</summary>
    public const string ProviderName = "triggerflow";

    public static ISiloBuilder AddTriggerFlowStorage(this ISiloBuilder silo, TriggerFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);

        // Keyed by the provider name: Orleans' Redis storage picks it up by that name, as does ours.
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer, JsonGrainStateSerializer>(ProviderName);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        return options.Storage switch
        {
            "sqlite" => silo.AddSqliteStorage(options),
            "redis" => silo.AddRedisStorage(options),
            _ => throw new InvalidOperationException($"TriggerFlow:Storage is `{options.Storage}`; use `sqlite` (embedded, default) or `redis` (cluster)"),
        };
    }

    private static ISiloBuilder AddSqliteStorage(this ISiloBuilder silo, TriggerFlowOptions options)
    {
        var dataDir = Path.GetFullPath(options.DataDir);
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        silo.Services.AddSingleton(_ => new SqliteDatabase(dataDir));
        silo.Services.AddGrainStorage(ProviderName, static (services, name) => new SqliteGrainStorage(
            name,
            services.GetRequiredService<SqliteDatabase>(),
            services.GetRequiredKeyedService<IGrainStorageSerializer>(name),
            services.GetRequiredService<IActivatorProvider>()));
        silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        silo.AddReminders();
        return silo;
    }

    private static ISiloBuilder AddRedisStorage(this ISiloBuilder silo, TriggerFlowOptions options)
    {
        var redis = options.Redis is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException("TriggerFlow:Storage is `redis` but TriggerFlow:Redis is empty; set TriggerFlow__Redis to the connection string, e.g. `localhost:6379`");
        silo.UseRedisClustering(clustering => clustering.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        silo.AddRedisGrainStorage(ProviderName, storage =>
        {
            storage.ConfigurationOptions = ConfigurationOptions.Parse(redis);

            // As in the SQLite store: a cleared grain has no record, not an empty one.
            storage.DeleteStateOnClear = true;
        });
        silo.UseRedisReminderService(reminders => reminders.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        return IPAddress.TryParse(options.SiloHost, out var address)
            ? silo.ConfigureEndpoints(address, options.SiloPort, options.GatewayPort)
            : silo.ConfigureEndpoints(options.SiloHost, options.SiloPort, options.GatewayPort);
    }
}
