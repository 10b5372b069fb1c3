using NodaTime;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Input.Time;
using TriggerFlow.Simulation.Input;
using TriggerFlow.Testing;

namespace TriggerFlow.Simulation.Tests.Input;

/// <summary>
/// JSON lines take the timestamp strings CSV cells do: each shape <see cref="Timestamps"/>
/// accepts, in <c>timestamp</c> and <c>receivedAt</c>, read by both the byte-level fast path and
/// the document path (an escape in the line sends it down the second).
/// </summary>
public sealed class JsonTimestampTests : IDisposable
{
    private readonly EventFiles _files = new();

    [Theory]
    [InlineData("2019-10-01 00:00:00 UTC")]
    [InlineData("2019-10-01T00:00:00 UTC")]
    [InlineData("2019-10-01 00:00:00Z")]
    [InlineData("2019-10-01T00:00:00+00:00")]
    [InlineData("2019-10-01t00:00:00z")]
    [InlineData("2019-10-01T05:30:00+05:30")]
    [InlineData("2019-09-30 16:00:00 -0800")]
    [InlineData("2019-10-01 00:00:00")]
    [InlineData("2019-10-01T00:00:00.000000000Z")]
    [InlineData("1569888000")]
    [InlineData("1569888000000")]
    public void Every_timestamp_shape_reads_as_the_same_instant_on_both_paths(string timestamp)
    {
        var plain = $$"""{"type":"track","userId":"c1","event":"checkout","timestamp":"{{timestamp}}","receivedAt":"{{timestamp}}"}""";
        var escaped = $$"""{"type":"track","userId":"c\u0031","event":"checkout","timestamp":"{{timestamp}}","receivedAt":"{{timestamp}}"}""";

        foreach (var line in (string[])[plain, escaped])
        {
            var input = (EventInput)Assert.IsType<CustomerRecord>(Assert.Single(Read(line))).Input;
            Assert.Equal((Instant.FromUtc(2019, 10, 1, 0, 0), Instant.FromUtc(2019, 10, 1, 0, 0)), (input.EventTime, input.ArrivalTime));
        }
    }

    [Theory]
    [InlineData("2019/10/01 00:00:00")]
    [InlineData("2019-10-01 00:00:00 UTC Z")]
    [InlineData("2019-10-01 24:00:00 UTC")]
    [InlineData("0000-10-01T00:00:00Z")]
    public void Other_shapes_are_bad_lines_on_both_paths(string timestamp)
    {
        var plain = $$"""{"type":"track","userId":"c1","event":"checkout","timestamp":"{{timestamp}}"}""";
        var escaped = $$"""{"type":"track","userId":"c\u0031","event":"checkout","timestamp":"{{timestamp}}"}""";

        foreach (var line in (string[])[plain, escaped])
        {
            var bad = Assert.IsType<BadLine>(Assert.Single(Read(line)));
            Assert.Equal(("timestamp", 1L), (bad.Field, bad.Line));
            Assert.Contains($"`{timestamp}`", bad.Message, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _files.Dispose();

    private List<SourceRecord> Read(string line)
    {
        var path = Path.Combine(_files.Folder, "events.jsonl");
        File.WriteAllText(path, line + "\n");
        Assert.True(EventFile.TryOpen(path, EventFiles.Catalog, new EventFileOptions(), out var file, out var error), error);
        using (file)
        {
            return [.. file.Records()];
        }
    }
}
