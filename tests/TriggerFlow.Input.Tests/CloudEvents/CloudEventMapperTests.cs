using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Input.CloudEvents;
using TriggerFlow.Input.Tests.Support;

namespace TriggerFlow.Input.Tests.CloudEvents;

/// <summary>The shared CloudEvents mapping, against the shipped catalog.</summary>
public sealed class CloudEventMapperTests
{
    private static readonly Instant Received = Instant.FromUtc(2026, 7, 1, 12, 0, 0);
    private static readonly CloudEventMapper Mapper = new(new InputMapping(ShippedCatalog.Catalog));

    [Fact]
    public void A_reverse_dns_type_finds_its_catalog_event_through_an_alias()
    {
        var alias = ShippedCatalog.Catalog.Events["added to cart"].Aliases.First(a => a.Contains('.', StringComparison.Ordinal));

        var mapped = Map($$$"""{"specversion":"1.0","id":"1","source":"/shop","type":"{{{alias}}}","subject":"u1","time":"2026-07-01T11:00:00Z","data":{"cart":"c1","price":3}}""");

        var input = Assert.IsType<EventInput>(mapped.Input);
        Assert.Equal(("u1", "added to cart", "/shop 1"), (mapped.CustomerId, input.Name, input.MessageId));
        Assert.Equal(3m, input.Properties["price"]);
    }

    [Fact]
    public void A_time_far_in_the_future_is_set_to_the_arrival_and_counted()
    {
        var mapped = Map("""{"specversion":"1.0","id":"1","source":"/shop","type":"checkout","subject":"u1","time":"2099-01-01T00:00:00Z"}""");

        Assert.Equal(Received, Assert.IsType<EventInput>(mapped.Input).EventTime);
        Assert.Equal(IgnoredPart.FutureTimestamp, Assert.Single(mapped.IgnoredParts));
    }

    [Fact]
    public void An_unknown_type_is_ignored_and_counted_not_refused()
    {
        var mapped = Map("""{"specversion":"1.0","id":"1","source":"/shop","type":"com.shop.loyalty.points-earned","subject":"u1"}""");

        Assert.Empty(mapped.Errors);
        Assert.Equal(new IgnoredPart(IgnoredPart.Event, "com.shop.loyalty.points-earned"), Assert.Single(mapped.IgnoredParts));
    }

    [Theory]
    [InlineData("""{"specversion":"0.3","id":"1","source":"/s","type":"checkout","subject":"u1"}""", "specversion")]
    [InlineData("""{"specversion":"1.0","source":"/s","type":"checkout","subject":"u1"}""", "id")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"checkout"}""", "subject")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"checkout","subject":"u1","data":[1]}""", "data")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"checkout","subject":"u1","data_base64":"%%%"}""", "data_base64")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"checkout","subject":"u1","datacontenttype":"text/xml"}""", "datacontenttype")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"checkout","subject":"u1","data":{"total":"lots"}}""", "data.total")]
    public void Malformed_events_are_unusable_naming_the_field(string json, string field)
    {
        var mapped = Map(json);

        Assert.Null(mapped.Input);
        Assert.Contains(mapped.Errors, e => e.Field == field);
    }

    private static MappedCall Map(string json) => Mapper.Map(ShippedCatalog.Json(json), new CallContext("", Received));
}
