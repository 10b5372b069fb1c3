using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Simulation.Input;
using TriggerFlow.Testing;

namespace TriggerFlow.Simulation.Tests.Input;

public sealed class CsvReaderTests : IDisposable
{
    private readonly EventFiles _files = new();

    [Theory]
    [InlineData("1783850400")]
    [InlineData("1783850400000")]
    [InlineData("2026-07-12T10:00:00Z")]
    [InlineData("2026-07-12T12:00:00+02:00")]
    [InlineData("2026-07-12 10:00:00")]
    public void Each_timestamp_form_is_read(string timestamp)
    {
        var path = _files.Write("events.csv", "timestamp,customer,event", $"{timestamp},c1,checkout");

        var record = Assert.IsType<CustomerRecord>(Assert.Single(_files.Read(path, Csv())));

        Assert.Equal(Instant.FromUtc(2026, 7, 12, 10, 0), ((EventInput)record.Input).EventTime);
    }

    [Fact]
    public void Columns_are_mapped_and_typed_by_the_catalog_and_unused_ones_listed_once()
    {
        var path = _files.Write(
            "clicks.csv",
            "timestamp,visitorid,event,itemid,transactionid,price",
            "1433221332117,257597,view,355908,,12.5",
            "1433221333117,257597,transaction,355908,T-1,");
        var options = Csv("timestamp=timestamp,customer=visitorid,event=event,product=itemid", "view=viewed product,transaction=purchase");
        using var file = _files.Open(path, options);

        var events = file.Records().Cast<CustomerRecord>().Select(r => (EventInput)r.Input).ToList();

        Assert.Equal(["viewed product", "purchase"], events.Select(e => e.Name));
        Assert.Equal("355908", events[0].Properties["product"]);
        Assert.Equal(12.5m, events[0].Properties["price"]);
        Assert.False(events[1].Properties.ContainsKey("price"));
        Assert.Equal(["column: transactionid"], file.Statistics.IgnoredFields);
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_quotes_and_line_breaks()
    {
        var path = _files.Write("quoted.csv", "timestamp,customer,event,category", "1783850400,c1,browsed category,\"kids, \"\"big\"\"\nand small\"", "1783850401,c2,checkout,");

        var records = _files.Read(path, Csv()).Cast<CustomerRecord>().ToList();

        Assert.Equal("kids, \"big\"\nand small", ((EventInput)records[0].Input).Properties["category"]);
        Assert.Equal(4, records[1].Line);
    }

    [Theory]
    [InlineData("tiemstamp=ts", "--map tiemstamp=ts: `tiemstamp` is not one of timestamp, customer, event, message, arrival or a property of a catalog event")]
    [InlineData("timestamp", "--map `timestamp`: expected name=value")]
    [InlineData("customer=a,customer=b", "--map customer=b: `customer` is already mapped to column `a`")]
    public void Mapping_errors_say_what_is_wrong(string map, string expected)
    {
        Assert.False(ColumnMap.TryParse([map], EventFiles.Catalog, out _, out var error));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_map_target_outside_the_catalog_is_an_error()
    {
        Assert.False(EventNameMap.TryParse(["view=viewed products"], EventFiles.Catalog, out _, out var error));

        Assert.StartsWith("--event-map view=viewed products: `viewed products` is not an event in the catalog", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapped_column_missing_from_the_header_names_the_columns_there_are()
    {
        var path = _files.Write("events.csv", "ts,visitorid,event", "1,2,view");
        ColumnMap.TryParse(["timestamp=ts,customer=visitor"], EventFiles.Catalog, out var columns, out _);

        Assert.False(EventFile.TryOpen(path, EventFiles.Catalog, new EventFileOptions { Format = EventFileFormat.Csv, Columns = columns! }, out _, out var error));

        Assert.Equal("--map customer=visitor: the CSV header has no column `visitor` (columns: ts, visitorid, event)", error);
    }

    [Fact]
    public void Required_columns_that_cannot_be_found_are_an_error()
    {
        var path = _files.Write("events.csv", "ts,visitorid,event", "1,2,view");

        Assert.False(EventFile.TryOpen(path, EventFiles.Catalog, new EventFileOptions { Format = EventFileFormat.Csv }, out _, out var error));

        Assert.StartsWith("the CSV header has no column for timestamp, customer (columns: ts, visitorid, event)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_records_name_the_line_and_column()
    {
        var path = _files.Write(
            "bad.csv",
            "timestamp,customer,event,price",
            "yesterday,c1,viewed product,1",
            "1783850400,c1,viewed product,cheap",
            "1783850400,c1",
            "1783850400,c1,viewed product,\"1\"x");

        var bad = _files.Read(path, Csv()).Cast<BadLine>().Select(b => b.ToString()).ToList();

        Assert.Equal(
            [
                "line 2, timestamp: `yesterday` is not " + TriggerFlow.Input.Time.Timestamps.Expectation,
                "line 3, price: price: `cheap` is not a number",
                "line 4: expected 4 fields as in the header, found 2",
                "line 5: unexpected `x` after a closing quote (a quote inside a quoted field is written \"\")",
            ],
            bad);
    }

    private static EventFileOptions Csv(string map = "", string eventMap = "")
    {
        ColumnMap.TryParse(map.Length == 0 ? [] : [map], EventFiles.Catalog, out var columns, out var error);
        EventNameMap.TryParse(eventMap.Length == 0 ? [] : [eventMap], EventFiles.Catalog, out var names, out _);
        return new EventFileOptions { Format = EventFileFormat.Csv, Columns = columns ?? throw new InvalidOperationException(error), EventNames = names! };
    }

    public void Dispose() => _files.Dispose();
}
