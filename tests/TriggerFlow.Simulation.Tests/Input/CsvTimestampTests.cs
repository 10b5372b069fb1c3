using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Input.Time;
using TriggerFlow.Simulation.Input;
using TriggerFlow.Testing;

namespace TriggerFlow.Simulation.Tests.Input;

/// <summary>
/// The CSV reader reads its timestamp and arrival cells with <see cref="Timestamps"/>: every shape
/// public datasets use, the REES46 one among them, and a clear error naming the line, the column
/// and the shapes accepted for any other.
/// </summary>
public sealed class CsvTimestampTests : IDisposable
{
    private readonly EventFiles _files = new();

    [Theory]
    [InlineData("2026-07-12 10:00:00 UTC")]
    [InlineData("2026-07-12 10:00:00.000 UTC")]
    [InlineData("2026-07-12T10:00:00 UTC")]
    [InlineData("2026-07-12 10:00:00Z")]
    [InlineData("2026-07-12t10:00:00z")]
    [InlineData("2026-07-12 12:00:00+02:00")]
    [InlineData("2026-07-12 02:00:00-0800")]
    [InlineData("2026-07-12 15:30:00 +0530")]
    [InlineData("2026-07-12 12:00:00+02")]
    [InlineData("2026-07-12 10:00:00")]
    [InlineData("2026-07-12T10:00:00")]
    [InlineData("\"2026-07-12T10:00:00,000Z\"")]
    [InlineData(" 2026-07-12 10:00:00 UTC ")]
    [InlineData("1783850400")]
    [InlineData("1783850400.000")]
    [InlineData("1783850400000")]
    public void Every_dataset_shape_is_read_as_the_same_instant(string cell)
    {
        var records = Read("timestamp,customer,event", $"{cell},c1,checkout");

        var record = Assert.IsType<CustomerRecord>(Assert.Single(records));
        Assert.Equal(Instant.FromUtc(2026, 7, 12, 10, 0), ((EventInput)record.Input).EventTime);
    }

    [Fact]
    public void The_arrival_column_takes_the_same_shapes()
    {
        var records = Read("timestamp,arrival,customer,event", "2026-07-12 10:00:00 UTC,1783850460000,c1,checkout");

        var input = (EventInput)Assert.IsType<CustomerRecord>(Assert.Single(records)).Input;
        Assert.Equal(Instant.FromUtc(2026, 7, 12, 10, 0), input.EventTime);
        Assert.Equal(Instant.FromUtc(2026, 7, 12, 10, 1), input.ArrivalTime);
    }

    [Theory]
    [InlineData("2019/10/01 00:00:00")]
    [InlineData("2019-10-01 00:00:00 UTC Z")]
    [InlineData("2019-10-01 00:00:00Z UTC")]
    [InlineData("2019-10-01 00:00:00 CEST")]
    [InlineData("2019-10-01")]
    [InlineData("2019-02-29 00:00:00 UTC")]
    [InlineData("2019-10-01 24:00:00 UTC")]
    [InlineData("1.5e9")]
    [InlineData("99999999999999999999")]
    public void Any_other_shape_names_the_line_the_column_and_the_shapes_accepted(string cell)
    {
        var records = Read("event_time,user_id,event_type", "2019-10-01 00:00:00 UTC,c1,checkout", $"{cell},c1,checkout");

        var bad = Assert.Single(records.OfType<BadLine>());
        Assert.Equal($"line 3, event_time: `{cell}` is not {Timestamps.Expectation}", bad.ToString());
    }

    [Fact]
    public void A_huge_timestamp_cell_is_reported_shortened()
    {
        var cell = "2019-10-01 00:00:00 UTC" + new string('0', 1 << 20);

        var bad = Assert.IsType<BadLine>(Assert.Single(Read("event_time,user_id,event_type", $"{cell},c1,checkout")));

        Assert.True(bad.Message.Length < 400, bad.Message);
        Assert.StartsWith("`2019-10-01 00:00:00 UTC000", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_REES46_file_reads_with_its_columns_mapped()
    {
        var records = ReadMapped(
            "timestamp=event_time,customer=user_id,event=event_type,product=product_id,category=category_code,cart=user_session",
            "view=viewed product,cart=added to cart,purchase=purchase",
            "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session",
            "2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c",
            "2019-10-01 00:00:05 UTC,cart,3900821,2053013552326770905,appliances.environment.water_heater,aqua,33.20,554748717,9333dfbd-b87a-4708-9857-6336556b0fcc",
            "2019-10-01 00:00:07 UTC,remove_from_cart,3900821,2053013552326770905,appliances.environment.water_heater,aqua,33.20,554748717,9333dfbd-b87a-4708-9857-6336556b0fcc",
            "2019-10-01 00:01:00 UTC,purchase,17200506,2053013559792632471,furniture.living_room.sofa,,543.10,519107250,566511c2-e2e3-422b-b695-cf8e6e792ca8");

        Assert.Equal(3, records.Count);
        var view = (EventInput)((CustomerRecord)records[0]).Input;
        Assert.Equal(("viewed product", "541312140", Instant.FromUtc(2019, 10, 1, 0, 0)), (view.Name, ((CustomerRecord)records[0]).CustomerId, view.EventTime));
        Assert.Equal("44600062", view.Properties["product"]);
        Assert.Equal(35.79m, Convert.ToDecimal(view.Properties["price"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(view.Properties.ContainsKey("category"));
        var cart = (EventInput)((CustomerRecord)records[1]).Input;
        Assert.Equal(("added to cart", "9333dfbd-b87a-4708-9857-6336556b0fcc"), (cart.Name, cart.Properties["cart"]));
        var purchase = (EventInput)((CustomerRecord)records[2]).Input;
        Assert.Equal(("purchase", "furniture.living_room.sofa"), (purchase.Name, purchase.Properties["category"]));
        Assert.False(purchase.Properties.ContainsKey("brand"));
    }

    public void Dispose() => _files.Dispose();

    private List<SourceRecord> Read(params string[] lines) => ReadMapped("", "", lines);

    private List<SourceRecord> ReadMapped(string map, string eventMap, params string[] lines)
    {
        var path = Path.Combine(_files.Folder, "events.csv");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        Assert.True(ColumnMap.TryParse(map.Length == 0 ? ["timestamp=" + lines[0].Split(',')[0], "customer=" + lines[0].Split(',')[^2], "event=" + lines[0].Split(',')[^1]] : [map], EventFiles.Catalog, out var columns, out var error), error);
        Assert.True(EventNameMap.TryParse(eventMap.Length == 0 ? [] : [eventMap], EventFiles.Catalog, out var names, out error), error);
        var options = new EventFileOptions { Format = EventFileFormat.Csv, Columns = columns, EventNames = names };
        Assert.True(EventFile.TryOpen(path, EventFiles.Catalog, options, out var file, out error), error);
        using (file)
        {
            return [.. file.Records()];
        }
    }
}
