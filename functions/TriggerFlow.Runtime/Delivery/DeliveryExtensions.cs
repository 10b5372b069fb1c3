using Microsoft.Extensions.Options;
using TriggerFlow.Runtime.Hosting;

namespace TriggerFlow.Runtime.Delivery;

/// <summary>The Delivery area's services: the outbox dispatcher, the delivery ledger and the channels.</summary>
internal static class DeliveryExtensions
{
    public static IServiceCollection AddTriggerFlowDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>()
            .BindConfiguration(DeliveryOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DeliveryOptions>>().Value);
        services.AddSingleton(sp => new FileChannel(Path.Combine(DataDir(sp), "outbox"), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDeliveryLedger>(Ledger);
        services.AddSingleton<ChannelConnectors>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<IOutboxDispatcher>(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    /// <summary>The ledger where the state is: SQLite beside <c>triggerflow.db</c> for one silo, Redis for a cluster, so every silo sees every key.</summary>
    private static IDeliveryLedger Ledger(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TriggerFlowOptions>>().Value;
        var retention = TimeSpan.FromDays(services.GetRequiredService<DeliveryOptions>().LedgerRetentionDays);
        return options.Storage == "redis"
            ? new RedisDeliveryLedger(options.Redis!, options.ServiceId, retention)
            : new DeliveryLedger(DataDir(services), services.GetRequiredService<TimeProvider>(), retention);
    }

    /// <summary>The data folder, resolved as the storage resolves it, so the outbox sits beside <c>triggerflow.db</c>.</summary>
    private static string DataDir(IServiceProvider services) =>
        Path.GetFullPath(services.GetRequiredService<IOptions<TriggerFlowOptions>>().Value.DataDir);
}
