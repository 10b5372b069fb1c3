using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Simulation.Input;
using TriggerFlow.Testing;

namespace TriggerFlow.Simulation.Tests.Input;

public sealed class SegmentReaderTests : IDisposable
{
    private readonly EventFiles _files = new();

    [Fact]
    public void Identify_vector_becomes_a_profile_keeping_the_email_and_traits_outside_the_catalog_are_listed_once()
    {
        using var file = _files.Open(_files.Write("identify.jsonl", EventFiles.Compact("http_01_Identify.json")));

        var record = Assert.IsType<CustomerRecord>(Assert.Single(file.Records()));

        Assert.Equal("019mr8mf4r", record.CustomerId);
        var profile = Assert.IsType<ProfileInput>(record.Input);
        Assert.Equal([KeyValuePair.Create("email", (object?)"pgibbons@example.com")], profile.Traits);
        Assert.Equal(Instant.FromUtc(2012, 12, 2, 0, 30, 8) + Duration.FromMilliseconds(276), profile.ArrivalTime);
        Assert.Equal(["trait: industry", "trait: name"], file.Statistics.IgnoredFields);
    }

    [Fact]
    public void Track_vector_of_an_event_outside_the_catalog_is_counted_not_an_error()
    {
        using var file = _files.Open(_files.Write("track.jsonl", EventFiles.Compact("http_02_Track.json"), EventFiles.Compact("http_02_Track.json")));

        Assert.Empty(file.Records());

        Assert.Equal(2, file.Statistics.UnknownEvents["Item Purchased"]);
        Assert.Equal(0, file.Statistics.BadLines);
    }

    [Fact]
    public void Track_vector_mapped_to_a_catalog_event_is_an_event_with_typed_properties()
    {
        var track = EventFiles.Compact("http_02_Track.json").Replace("\"revenue\"", "\"total\"", StringComparison.Ordinal);
        EventNameMap.TryParse(["Item Purchased=purchase"], EventFiles.Catalog, out var names, out _);
        var path = _files.Write("track.jsonl", track);

        var record = Assert.IsType<CustomerRecord>(Assert.Single(_files.Read(path, new EventFileOptions { EventNames = names! })));

        var e = Assert.IsType<EventInput>(record.Input);
        Assert.Equal("purchase", e.Name);
        Assert.Equal(14.99m, e.Properties["total"]);
        Assert.Equal("line-1", e.MessageId);
    }

    [Fact]
    public void Page_vector_becomes_the_page_event()
    {
        var page = EventFiles.Compact("http_03_Page.json").Replace("\"name\"", "\"category\":\"kids-clothing\",\"name\"", StringComparison.Ordinal);

        var record = Assert.IsType<CustomerRecord>(Assert.Single(_files.Read(_files.Write("page.jsonl", page))));

        var e = Assert.IsType<EventInput>(record.Input);
        Assert.Equal("browsed category", e.Name);
        Assert.Equal("kids-clothing", e.Properties["category"]);
    }

    [Fact]
    public void Alias_vector_and_an_identify_with_both_ids_are_identity_merges()
    {
        var identify = """{"type":"identify","userId":"mary","anonymousId":"anon-1","traits":{"has_children":true},"timestamp":"2026-07-14T10:10:00Z"}""";
        var path = _files.Write("merge.jsonl", EventFiles.Compact("http_06_Alias.json"), identify);

        var records = _files.Read(path);

        var alias = Assert.IsType<IdentityRecord>(records[0]);
        Assert.Equal(("39239-239239-239239-23923", "019mr8mf4r"), (alias.AnonymousId, alias.CustomerId));

        // As the live host applies an alias: the merge, then an empty profile update that only records its message id.
        Assert.Empty(((ProfileInput)Assert.IsType<CustomerRecord>(records[1]).Input).Traits);
        var merge = Assert.IsType<IdentityRecord>(records[2]);
        Assert.Equal(("anon-1", "mary"), (merge.AnonymousId, merge.CustomerId));
        var profile = Assert.IsType<CustomerRecord>(records[3]);
        Assert.Equal("mary", profile.CustomerId);
        Assert.Equal(true, ((ProfileInput)profile.Input).Traits["has_children"]);
    }

    [Fact]
    public void Batch_vector_reports_its_malformed_timestamps_with_the_line_and_field()
    {
        var path = _files.Write("batch.jsonl", """{"type":"identify","userId":"x","timestamp":"2012-12-01T00:00:00Z"}""", EventFiles.Compact("http_07_Batch.json"));

        var bad = _files.Read(path).OfType<BadLine>().Select(b => b.ToString()).ToList();

        Assert.Equal(
            [
                "line 2, batch[2].timestamp: `2015-2-02T00:30:08.276Z` is not " + TriggerFlow.Input.Time.Timestamps.Expectation,
                "line 2, batch[3].timestamp: `2015-2-02T00:30:12.984Z` is not " + TriggerFlow.Input.Time.Timestamps.Expectation,
            ],
            bad);
    }

    [Fact]
    public void Batch_calls_that_are_well_formed_are_still_read()
    {
        using var file = _files.Open(_files.Write("batch.jsonl", EventFiles.Compact("http_07_Batch.json")));

        var records = file.Records().ToList();

        Assert.Single(records.OfType<CustomerRecord>());
        Assert.Equal(1, file.Statistics.UnknownEvents["Song Played"]);
        Assert.Equal(2, file.Statistics.BadLines);
    }

    [Theory]
    [InlineData("{not json", "line 1: not valid JSON")]
    [InlineData("""{"type":"track","event":"purchase","timestamp":"2026-07-01T00:00:00Z"}""", "line 1, userId: userId or anonymousId is required")]
    [InlineData("""{"type":"track","userId":"a","event":"purchase"}""", "line 1, timestamp: is missing, and so are originalTimestamp and receivedAt")]
    [InlineData("""{"type":"track","userId":"a","event":"purchase","properties":{"total":"lots"},"timestamp":"2026-07-01T00:00:00Z"}""", "line 1, properties.total: `lots` is not a number")]
    [InlineData("""{"type":"launch","userId":"a","timestamp":"2026-07-01T00:00:00Z"}""", "line 1, type: `launch` is not a Segment call type")]
    [InlineData("""{"type":"track","userId":"  ","event":"purchase","timestamp":"2026-07-01T00:00:00Z"}""", "line 1, userId: expected a non-empty string or a number")]
    [InlineData("""{"type":"alias","userId":"a","previousId":true,"timestamp":"2026-07-01T00:00:00Z"}""", "line 1, previousId: expected a non-empty string or a number")]
    [InlineData("""{"type":"identify","userId":"a","traits":{"consent":"yes"},"timestamp":"2026-07-01T00:00:00Z"}""", "line 1, traits.consent: expected an object of channel to true or false")]
    [InlineData("""{"type":"identify","userId":"a","traits":{"consent":{"fax":true}},"timestamp":"2026-07-01T00:00:00Z"}""", "line 1, traits.consent.fax: `fax` is not a channel; the catalog's channels are")]
    [InlineData("""{"type":"identify","userId":"a","traits":{"consent":{"sms":"no"}},"timestamp":"2026-07-01T00:00:00Z"}""", "line 1, traits.consent.sms: expected true (consents) or false (refuses); got a string")]
    public void Malformed_calls_name_the_line_and_field(string line, string expected)
    {
        var bad = Assert.IsType<BadLine>(Assert.Single(_files.Read(_files.Write("bad.jsonl", line))));

        Assert.StartsWith(expected, bad.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_numeric_user_id_names_the_customer_as_written()
    {
        var record = Assert.IsType<CustomerRecord>(Assert.Single(_files.Read(_files.Write("numeric.jsonl", """{"type":"track","userId":1042,"event":"purchase","timestamp":"2026-07-01T00:00:00Z"}"""))));

        Assert.Equal("1042", record.CustomerId);
    }

    [Fact]
    public void Consent_comes_from_the_traits_and_from_segments_consent_object_and_a_refusal_in_either_wins()
    {
        var line = """{"type":"identify","userId":"a","timestamp":"2026-07-01T00:00:00Z","traits":{"consent":{"EMAIL":false,"push":true}},"context":{"consent":{"categoryPreferences":{"email":true,"sms":false,"Advertising":true}}}}""";

        var record = Assert.IsType<CustomerRecord>(Assert.Single(_files.Read(_files.Write("consent.jsonl", line))));

        var consent = Assert.IsType<ProfileInput>(record.Input).Consent;
        Assert.Equal(new Dictionary<string, bool> { ["email"] = false, ["sms"] = false, ["push"] = true }, consent);
    }

    [Fact]
    public void Arrival_is_received_at_and_records_come_out_in_arrival_order()
    {
        var late = """{"type":"track","userId":"a","event":"checkout","timestamp":"2026-07-01T10:00:00Z","receivedAt":"2026-07-01T12:00:00Z"}""";
        var early = """{"type":"track","userId":"a","event":"checkout","timestamp":"2026-07-01T11:00:00Z"}""";

        var records = _files.Read(_files.Write("order.jsonl", late, early)).Cast<CustomerRecord>().ToList();

        Assert.Equal([2L, 1L], records.Select(r => r.Line));
        var first = (EventInput)records[1].Input;
        Assert.Equal(Instant.FromUtc(2026, 7, 1, 10, 0), first.EventTime);
        Assert.Equal(Instant.FromUtc(2026, 7, 1, 12, 0), first.ArrivalTime);
    }

    public void Dispose() => _files.Dispose();
}
