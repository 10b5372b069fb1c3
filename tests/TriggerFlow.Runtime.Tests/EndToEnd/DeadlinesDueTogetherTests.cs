using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Runtime.Orchestration;
using TriggerFlow.Runtime.Storage.Sqlite;

namespace TriggerFlow.Runtime.Tests.EndToEnd;

/// <summary>
/// Many customers whose windows close at the same instant, through the real host (rules/cart-reminder:
/// a 1-hour window): each gets exactly one message, its wake-up reminder is removed once the message is
/// delivered, and neither a restart nor further periodic ticks send anything again.
/// </summary>
public sealed class DeadlinesDueTogetherTests
{
    private const int Customers = 40;
    private static readonly DateTimeOffset Start = new(2026, 7, 10, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The cart rule's window plus the host's allowed lateness.</summary>
    private static readonly TimeSpan Due = TimeSpan.FromHours(1) + TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Deadlines_due_in_the_same_second_each_send_exactly_once_and_leave_no_reminder()
    {
        using var folder = new HostFolder();
        var time = new FakeTimeProvider(Start);
        var ids = Enumerable.Range(0, Customers).Select(i => $"together-{i}").ToArray();
        await using (var host = await InProcessHost.StartAsync(folder, time))
        {
            await Task.WhenAll(ids.Select(id => host.Grains.GetGrain<ICustomerGrain>(id).Ingest([Cart(id)])));
            Assert.Equal(Customers, ReminderRows(folder));

            var delivered = Task.WhenAll(ids.Select(id => host.Probe.Next(nameof(ICustomerGrain.Acknowledge), id)));
            time.Advance(Due - TimeSpan.FromMinutes(1));
            await time.AdvanceUntilAsync(delivered, within: TimeSpan.FromMinutes(3));

            var sent = folder.Sent("email");
            Assert.Equal(ids.Order(StringComparer.Ordinal), sent.Select(m => (string)m["customerId"]!).Order(StringComparer.Ordinal));
            Assert.All(sent, m => Assert.Equal(Start + TimeSpan.FromHours(1), m["decidedAt"]!.GetValue<DateTimeOffset>()));
            foreach (var id in ids)
            {
                Assert.Null((await host.Grains.GetGrain<ICustomerGrain>(id).Inspect()).NextWakeUp);
            }

            Assert.Equal(0, ReminderRows(folder));
        }

        // Restarted, with time moving on: nothing is due, nothing is sent again.
        folder.NewPorts();
        await using var restarted = await InProcessHost.StartAsync(folder, time);
        var tick = restarted.Probe.Next(nameof(IRemindable.ReceiveReminder), ids[0]);
        for (var second = 0; second < 180 && !tick.IsCompleted; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(tick, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        Assert.False(tick.IsCompleted, "a reminder still ticked after its window closed and its message was delivered");
        Assert.Equal(Customers, folder.Sent("email").Count);
        Assert.Equal(0, ReminderRows(folder));
    }

    [Fact]
    public async Task A_host_restarted_before_deadlines_due_together_sends_each_exactly_once()
    {
        using var folder = new HostFolder();
        var time = new FakeTimeProvider(Start);
        var ids = Enumerable.Range(0, Customers).Select(i => $"restart-{i}").ToArray();
        await using (var first = await InProcessHost.StartAsync(folder, time))
        {
            await Task.WhenAll(ids.Select(id => first.Grains.GetGrain<ICustomerGrain>(id).Ingest([Cart(id)])));
        }

        // Down while they fall due: the next host's reminder service finds them due at start-up.
        time.Advance(Due + TimeSpan.FromMinutes(10));
        folder.NewPorts();
        await using var second = await InProcessHost.StartAsync(folder, time);
        var delivered = Task.WhenAll(ids.Select(id => second.Probe.Next(nameof(ICustomerGrain.Acknowledge), id)));
        await time.AdvanceUntilAsync(delivered, within: TimeSpan.FromMinutes(3));

        var sent = folder.Sent("email");
        Assert.Equal(ids.Order(StringComparer.Ordinal), sent.Select(m => (string)m["customerId"]!).Order(StringComparer.Ordinal));
        Assert.Equal(0, ReminderRows(folder));
    }

    private static CustomerInput Cart(string id) =>
        CustomerInput.Of(new EventInput("cart-" + id, "added to cart", PropertyMap.From([KeyValuePair.Create("cart", (object?)$"c-{id}"), KeyValuePair.Create("price", (object?)10m)]), Instant.FromDateTimeOffset(Start), Instant.FromDateTimeOffset(Start)));

    private static long ReminderRows(HostFolder folder)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder.DataDir, SqliteDatabase.FileName),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM reminders";
        return (long)command.ExecuteScalar()!;
    }
}
