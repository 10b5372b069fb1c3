using NodaTime;
using TriggerFlow.Engine.State;

namespace TriggerFlow.Engine.Tests.State;

/// <summary>The compact set of applied message ids behaves as a dictionary of id to time would.</summary>
public sealed class MessageIdsTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 7, 1, 0, 0);

    [Fact]
    public void An_id_is_added_once_and_then_known()
    {
        var ids = new MessageIds();

        Assert.True(ids.TryAdd("m-1", Start));
        Assert.False(ids.TryAdd("m-1", Start + Duration.FromHours(1)));
        Assert.True(ids.Contains("m-1"));
        Assert.False(ids.Contains("m-2"));
        Assert.Equal(1, ids.Count);
    }

    [Fact]
    public void Ids_older_than_the_horizon_are_forgotten_and_younger_ones_kept()
    {
        var ids = MessageIds.From([KeyValuePair.Create("old", Start), KeyValuePair.Create("edge", Start + Duration.FromHours(1)), KeyValuePair.Create("new", Start + Duration.FromHours(2))]);

        ids.RemoveOlderThan(Start + Duration.FromHours(1));

        Assert.False(ids.Contains("old"));
        Assert.True(ids.Contains("edge"));
        Assert.True(ids.Contains("new"));
        Assert.True(ids.TryAdd("old", Start + Duration.FromHours(3)));
    }

    [Fact]
    public void A_merge_adds_the_other_customers_ids_and_keeps_the_known_times()
    {
        var into = MessageIds.From([KeyValuePair.Create("a", Start)]);
        var from = MessageIds.From([KeyValuePair.Create("a", Start + Duration.FromDays(9)), KeyValuePair.Create("b", Start)]);

        into.AddFrom(from);
        into.RemoveOlderThan(Start + Duration.FromDays(1));

        Assert.Equal(0, into.Count);
    }

    [Fact]
    public void Thousands_of_random_operations_agree_with_a_dictionary()
    {
        var random = new Random(20260701);
        var ids = new MessageIds();
        var model = new Dictionary<string, Instant>(StringComparer.Ordinal);
        for (var step = 0; step < 20_000; step++)
        {
            var id = "m-" + random.Next(3_000);
            var at = Start + Duration.FromMinutes(step);
            if (random.Next(50) == 0)
            {
                var horizon = at - Duration.FromMinutes(random.Next(5_000));
                ids.RemoveOlderThan(horizon);
                foreach (var old in model.Where(p => p.Value < horizon).Select(p => p.Key).ToList())
                {
                    model.Remove(old);
                }
            }
            else
            {
                Assert.Equal(model.TryAdd(id, at), ids.TryAdd(id, at));
            }

            Assert.Equal(model.Count, ids.Count);
        }

        Assert.All(model.Keys, id => Assert.True(ids.Contains(id)));
    }
}
