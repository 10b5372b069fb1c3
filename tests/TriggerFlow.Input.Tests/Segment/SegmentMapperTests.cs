using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Input.Segment;
using TriggerFlow.Input.Tests.Support;

namespace TriggerFlow.Input.Tests.Segment;

/// <summary>The shared Segment mapping, against the shipped catalog (which maps Segment's e-commerce spec).</summary>
public sealed class SegmentMapperTests
{
    private static readonly Instant Received = Instant.FromUtc(2026, 7, 1, 12, 0, 0);
    private static readonly SegmentMapper Mapper = new(new InputMapping(ShippedCatalog.Catalog));

    [Fact]
    public void A_spec_product_viewed_call_becomes_the_catalog_event_with_its_properties_typed_once()
    {
        var mapped = Map("""{"type":"track","userId":"u1","messageId":"m1","event":"Product Viewed","timestamp":"2026-07-01T11:00:00Z","properties":{"product_id":"p-7","category":"hats","price":"12.50","colour":"red"}}""");

        var input = Assert.IsType<EventInput>(mapped.Input);
        Assert.Equal(("u1", "viewed product", "m1"), (mapped.CustomerId, input.Name, input.MessageId));
        Assert.Equal("p-7", input.Properties["product"]);
        Assert.Equal("hats", input.Properties["category"]);
        Assert.Equal(12.50m, input.Properties["price"]);
        Assert.Equal(new IgnoredPart(IgnoredPart.Property, "viewed product: colour"), Assert.Single(mapped.IgnoredParts));
        Assert.Equal((Instant.FromUtc(2026, 7, 1, 11, 0, 0), Received), (input.EventTime, input.ArrivalTime));
    }

    [Theory]
    [InlineData("""{"total":20,"revenue":10}""")]
    [InlineData("""{"revenue":10,"total":20}""")]
    [InlineData("""{"REVENUE":10,"total":20}""")]
    public void A_property_given_by_its_name_and_an_alias_keeps_the_value_given_by_its_name(string properties)
    {
        var input = Assert.IsType<EventInput>(Map($$$"""{"type":"track","userId":"u1","event":"Order Completed","properties":{{{properties}}}}""").Input);

        Assert.Equal(20m, input.Properties["total"]);
    }

    [Fact]
    public void An_event_the_catalog_does_not_know_is_ignored_and_named_never_an_error()
    {
        var mapped = Map("""{"type":"track","userId":"u1","event":"Coupon Entered","properties":{"coupon":"X"}}""");

        Assert.Empty(mapped.Errors);
        Assert.Null(mapped.Input);
        Assert.Contains("Coupon Entered", mapped.IgnoredReason, StringComparison.Ordinal);
        Assert.Equal(new IgnoredPart(IgnoredPart.Event, "Coupon Entered"), Assert.Single(mapped.IgnoredParts));
    }

    [Fact]
    public void Reserved_traits_are_kept_whatever_the_catalog_says_and_other_unknown_traits_are_counted()
    {
        var mapped = Map("""{"type":"identify","userId":"u1","traits":{"email":"ada@example.com","firstName":"Ada","lastName":"Lovelace","phone":"+44 20 7946 0958","timezone":"Europe/London","locale":"en-GB","shoe_size":9}}""");

        var profile = Assert.IsType<ProfileInput>(mapped.Input);
        Assert.Equal("ada@example.com", profile.Traits["email"]);
        Assert.Equal("Ada", profile.Traits["firstName"]);
        Assert.Equal("+44 20 7946 0958", profile.Traits["phone"]);
        Assert.Equal("Europe/London", profile.Traits["timezone"]);
        Assert.Equal(new IgnoredPart(IgnoredPart.Trait, "shoe_size"), Assert.Single(mapped.IgnoredParts));
    }

    [Theory]
    [InlineData("email", "\"not-an-address\"", "is not an email address")]
    [InlineData("email", "42", "expected a non-empty string")]
    [InlineData("phone", "\"0207 946\"", "is not a phone number")]
    [InlineData("timezone", "\"Mars/Olympus\"", "is not an IANA time zone")]
    [InlineData("locale", "\"!!\"", "is not a locale")]
    public void A_malformed_reserved_trait_is_an_error_naming_the_trait(string trait, string value, string message)
    {
        var mapped = Map($$$"""{"type":"identify","userId":"u1","traits":{"{{{trait}}}":{{{value}}}}}""");

        var error = Assert.Single(mapped.Errors);
        Assert.Equal($"traits.{trait}", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Null(mapped.Input);
    }

    [Fact]
    public void A_null_reserved_trait_removes_it()
    {
        var profile = Assert.IsType<ProfileInput>(Map("""{"type":"identify","userId":"u1","traits":{"email":null}}""").Input);

        Assert.True(profile.Traits.ContainsKey("email"));
        Assert.Null(profile.Traits["email"]);
    }

    [Fact]
    public void A_wrong_property_type_makes_the_call_unusable_naming_the_field_as_posted()
    {
        var mapped = Map("""{"type":"track","userId":"u1","event":"Product Added","properties":{"cart_id":"c1","price":"a lot"}}""", "batch[3].");

        var error = Assert.Single(mapped.Errors);
        Assert.Equal("batch[3].properties.price", error.Field);
        Assert.Null(mapped.Input);
    }

    [Fact]
    public void The_device_clock_is_corrected_by_the_batch_sent_at()
    {
        var sentAt = Instant.FromUtc(2026, 7, 1, 14, 0, 0);

        var mapped = Mapper.Map(ShippedCatalog.Json("""{"type":"track","userId":"u1","event":"checkout","timestamp":"2026-07-01T13:59:00Z"}"""), new CallContext("", Received, sentAt));

        Assert.Equal(Received - Duration.FromMinutes(1), Assert.IsType<EventInput>(mapped.Input).EventTime);
    }

    [Fact]
    public void An_event_stamped_2099_by_a_wrong_device_clock_happens_at_its_arrival_and_is_counted()
    {
        var mapped = Map("""{"type":"track","userId":"u1","event":"Product Added","timestamp":"2099-01-01T00:00:00Z","properties":{"cart_id":"c1"}}""");

        Assert.Equal(Received, Assert.IsType<EventInput>(mapped.Input).EventTime);
        Assert.Contains(IgnoredPart.FutureTimestamp, mapped.IgnoredParts);
    }

    [Fact]
    public void An_identify_with_both_ids_merges_the_anonymous_one_and_an_alias_merges_the_previous_one()
    {
        var identify = Map("""{"type":"identify","userId":"u1","anonymousId":"a1","traits":{}}""");
        var alias = Map("""{"type":"alias","userId":"u1","previousId":"a2"}""");

        Assert.Equal(("u1", "a1"), (identify.CustomerId, identify.MergeFrom));
        Assert.Equal(("u1", "a2"), (alias.CustomerId, alias.MergeFrom));
        Assert.IsType<ProfileInput>(alias.Input);
    }

    [Fact]
    public void A_page_becomes_the_page_event_with_its_top_level_category()
    {
        var input = Assert.IsType<EventInput>(Map("""{"type":"page","anonymousId":"a1","category":"shoes","properties":{"url":"https://example.com/shoes"}}""").Input);

        Assert.Equal("browsed category", input.Name);
        Assert.Equal("shoes", input.Properties["category"]);
        Assert.Equal("https://example.com/shoes", input.Properties["url"]);
    }

    [Theory]
    [InlineData("""{"type":"screen","userId":"u1","name":"Home"}""", "screen")]
    [InlineData("""{"type":"group","userId":"u1","groupId":"g1"}""", "group")]
    public void Screen_and_group_calls_are_ignored_and_counted_as_calls(string call, string type)
    {
        var mapped = Map(call);

        Assert.Empty(mapped.Errors);
        Assert.Equal(new IgnoredPart(IgnoredPart.Call, type), Assert.Single(mapped.IgnoredParts));
    }

    [Theory]
    [InlineData("[1,2]", "$", "expected a JSON object")]
    [InlineData("""{"type":"launch","userId":"u1"}""", "type", "is not a Segment call type")]
    [InlineData("""{"type":"track","event":"checkout"}""", "userId", "userId or anonymousId is required")]
    [InlineData("""{"type":"track","userId":"u1","event":"checkout","timestamp":"last tuesday"}""", "timestamp", "is not")]
    [InlineData("""{"type":"track","userId":"u1","event":"checkout","properties":"total=3"}""", "properties", "expected a JSON object")]
    [InlineData("""{"type":"track","userId":"   ","event":"checkout"}""", "userId", "expected a non-empty string")]
    public void Malformed_calls_are_unusable_with_an_error_naming_the_field(string call, string field, string message)
    {
        var mapped = Map(call);

        Assert.Null(mapped.Input);
        Assert.Contains(mapped.Errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Hostile_sizes_are_refused_by_field_and_never_throw()
    {
        var longId = new string('x', 5_000);
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + new string('}', 60);

        var tooLong = Map($$"""{"type":"track","userId":"{{longId}}","event":"checkout"}""");
        var nested = Map($$$"""{"type":"track","userId":"u1","event":"checkout","properties":{"junk":{{{deep}}}}}""");

        Assert.Contains(tooLong.Errors, e => e.Field == "userId" && e.Message.Contains("at most 256", StringComparison.Ordinal));
        Assert.IsType<EventInput>(nested.Input);
        Assert.Equal(new IgnoredPart(IgnoredPart.Property, "checkout: junk"), Assert.Single(nested.IgnoredParts));
    }

    [Fact]
    public void A_call_without_a_message_id_gets_the_same_fallback_on_a_retry()
    {
        const string Call = """{"type":"track","userId":"u1","event":"checkout"}""";

        Assert.Equal(Map(Call).MessageId, Map(Call).MessageId);
        Assert.StartsWith("sha256:", Map(Call).MessageId, StringComparison.Ordinal);
    }

    private static MappedCall Map(string json, string path = "") =>
        Mapper.Map(ShippedCatalog.Json(json), new CallContext(path, Received));
}
