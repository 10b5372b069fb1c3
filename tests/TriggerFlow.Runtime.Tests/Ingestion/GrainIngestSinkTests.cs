using Microsoft.Extensions.DependencyInjection;
using TriggerFlow.Runtime.Hosting;
using TriggerFlow.Runtime.Ingestion.Acceptance;
using TriggerFlow.Runtime.Orchestration;
using TriggerFlow.Runtime.Tests.Storage;

namespace TriggerFlow.Runtime.Tests.Ingestion;

/// <summary>The host's sink makes the same customer references as <c>GetGrain&lt;ICustomerGrain&gt;</c>, with its checks.</summary>
public sealed class GrainIngestSinkTests
{
    [Fact]
    public async Task A_customer_reference_is_the_one_GetGrain_makes_and_a_blank_id_is_refused()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "triggerflow-sink-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var silo = await TestSilo.StartAsync(new TriggerFlowOptions { DataDir = dataDir });
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var sink = new GrainIngestSink(grains);

            foreach (var customer in new[] { "mary", "user/with/slashes", "ünïcode", "42" })
            {
                var expected = (GrainReference)grains.GetGrain<ICustomerGrain>(customer);
                var made = (GrainReference)sink.Customer(customer);

                Assert.Equal(expected.GrainId, made.GrainId);
                Assert.Equal(expected.InterfaceType, made.InterfaceType);
                Assert.Equal(customer, made.GetPrimaryKeyString());
            }

            Assert.ThrowsAny<ArgumentException>(() => sink.Customer(" "));
            Assert.ThrowsAny<ArgumentException>(() => sink.Customer(""));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }
}
