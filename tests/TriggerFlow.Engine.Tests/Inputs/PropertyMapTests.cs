using TriggerFlow.Engine.Inputs;

namespace TriggerFlow.Engine.Tests.Inputs;

/// <summary>The compact property map reads as a dictionary with ordinal names would.</summary>
public sealed class PropertyMapTests
{
    [Fact]
    public void Names_are_found_ordinally_and_absent_ones_are_not()
    {
        var map = PropertyMap.From([KeyValuePair.Create("category", (object?)"hats"), KeyValuePair.Create("price", (object?)12.5m)]);

        Assert.Equal(2, map.Count);
        Assert.True(map.TryGetValue("category", out var category));
        Assert.Equal("hats", category);
        Assert.Equal(12.5m, map["price"]);
        Assert.False(map.ContainsKey("Category"));
        Assert.Throws<KeyNotFoundException>(() => map["cart"]);
    }

    [Fact]
    public void A_name_given_twice_keeps_its_last_value_in_its_first_place()
    {
        var map = PropertyMap.From([KeyValuePair.Create("a", (object?)1m), KeyValuePair.Create("b", (object?)2m), KeyValuePair.Create("a", (object?)3m)]);

        Assert.Equal(["a", "b"], map.Keys);
        Assert.Equal(3m, map["a"]);
    }

    [Fact]
    public void No_properties_give_the_shared_empty_map()
    {
        Assert.Same(PropertyMap.Empty, PropertyMap.From([]));
        Assert.Empty(PropertyMap.Empty);
    }

    [Fact]
    public void Random_maps_agree_with_a_dictionary()
    {
        var random = new Random(7);
        for (var round = 0; round < 500; round++)
        {
            var pairs = Enumerable.Range(0, random.Next(12)).Select(_ => KeyValuePair.Create("p" + random.Next(8), (object?)(decimal)random.Next(100))).ToList();
            var model = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in pairs)
            {
                model[key] = value;
            }

            foreach (var map in new[] { PropertyMap.From(pairs), PropertyMap.From(pairs.ToArray().AsSpan()) })
            {
                Assert.Equal(model.Count, map.Count);
                Assert.All(model, p => Assert.Equal(p.Value, map[p.Key]));
                Assert.Equal(model.OrderBy(p => p.Key, StringComparer.Ordinal), map.OrderBy(p => p.Key, StringComparer.Ordinal));
                Assert.Equal(model.Keys.Order(StringComparer.Ordinal), map.Keys.Order(StringComparer.Ordinal));
            }
        }
    }
}
