using TriggerFlow.Runtime.Hosting;

namespace TriggerFlow.Runtime.Storage;

/// <summary>Durable state for the silo: the embedded SQLite file by default, Redis for a cluster.</summary>
internal static class StorageExtensions
{
    /// <summary>The grain storage provider name every TriggerFlow grain uses.</summary>
    public const string ProviderName = "triggerflow";

    public static ISiloBuilder AddTriggerFlowStorage(this ISiloBuilder silo, TriggerFlowOptions options)
    {
        // Placeholder wiring until the SQLite providers land: localhost clustering, memory state.
        _ = options;
        silo.UseLocalhostClustering();
        silo.AddMemoryGrainStorage(ProviderName);
        silo.UseInMemoryReminderService();
        return silo;
    }
}
