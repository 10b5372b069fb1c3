using System.Text;
using TriggerFlow.Simulation.Input;

namespace TriggerFlow.Simulation.Tests.Input;

/// <summary>
/// <see cref="Utf8Lines"/>: line endings, the byte-order mark, lines longer than its first buffer,
/// and streams that hand over only a few bytes per read, all against a plain reference split.
/// </summary>
public sealed class Utf8LinesTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    [Theory]
    [InlineData("a\nb\nc\n", new[] { "a", "b", "c" })]
    [InlineData("a\r\nb\r\nc\r\n", new[] { "a", "b", "c" })]
    [InlineData("a\nb\r\nc", new[] { "a", "b", "c" })]
    [InlineData("last line without newline", new[] { "last line without newline" })]
    [InlineData("", new string[0])]
    [InlineData("\n", new[] { "" })]
    [InlineData("\r\n", new[] { "" })]
    [InlineData("\n\n\n", new[] { "", "", "" })]
    [InlineData("a\n\nb\n\n", new[] { "a", "", "b", "" })]
    [InlineData("a\r\n\r\nb", new[] { "a", "", "b" })]
    [InlineData("a\rb\n", new[] { "a\rb" })]
    [InlineData("a\r\r\n", new[] { "a\r" })]
    [InlineData("\r", new[] { "" })]
    [InlineData("a\r", new[] { "a" })]
    [InlineData("caf\u00e9 \u20ac\n\u65e5\u672c\n", new[] { "caf\u00e9 \u20ac", "\u65e5\u672c" })]
    public void Lines_end_at_newline_with_a_carriage_return_before_it_dropped(string content, string[] expected)
    {
        var bytes = Encoding.UTF8.GetBytes(content);

        foreach (var stream in Streams(bytes))
        {
            var lines = ReadAll(stream);

            Assert.Equal(expected, lines.Select(l => Encoding.UTF8.GetString(l.Line)));
            Assert.Equal(Enumerable.Range(1, expected.Length).Select(n => (long)n), lines.Select(l => l.Number));
        }
    }

    [Fact]
    public void Byte_order_mark_at_the_start_is_dropped()
    {
        var bytes = Bom.Concat(Encoding.UTF8.GetBytes("{\"a\":1}\r\nsecond")).ToArray();

        foreach (var stream in Streams(bytes))
        {
            var lines = ReadAll(stream);

            Assert.Equal(["{\"a\":1}", "second"], lines.Select(l => Encoding.UTF8.GetString(l.Line)));
            Assert.Equal([1L, 2L], lines.Select(l => l.Number));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, 0)]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'\n' }, 1)]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'\r', (byte)'\n', (byte)'\n' }, 2)]
    public void Byte_order_mark_alone_is_no_content(byte[] bytes, int emptyLines)
    {
        foreach (var stream in Streams(bytes))
        {
            var lines = ReadAll(stream);

            Assert.Equal(emptyLines, lines.Count);
            Assert.All(lines, l => Assert.Empty(l.Line));
        }
    }

    [Fact]
    public void Byte_order_mark_not_at_the_start_is_kept()
    {
        var bytes = Encoding.UTF8.GetBytes("a\n").Concat(Bom).Concat(Encoding.UTF8.GetBytes("b\n")).Concat(Bom).ToArray();

        foreach (var stream in Streams(bytes))
        {
            var lines = ReadAll(stream);

            Assert.Equal(3, lines.Count);
            Assert.Equal("a"u8.ToArray(), lines[0].Line);
            Assert.Equal(Bom.Concat("b"u8.ToArray()), lines[1].Line);
            Assert.Equal(Bom, lines[2].Line);
        }
    }

    [Fact]
    public void Only_one_byte_order_mark_is_dropped()
    {
        var bytes = Bom.Concat(Bom).Concat("x"u8.ToArray()).ToArray();

        foreach (var stream in Streams(bytes))
        {
            Assert.Equal(Bom.Concat("x"u8.ToArray()), Assert.Single(ReadAll(stream)).Line);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xEF })]
    [InlineData(new byte[] { 0xEF, 0xBB })]
    [InlineData(new byte[] { 0xEF, 0xBB, (byte)'\n', 0xBF })]
    [InlineData(new byte[] { 0xEF, (byte)'\n', 0xBB, 0xBF })]
    public void Part_of_a_byte_order_mark_is_content(byte[] bytes)
    {
        foreach (var stream in Streams(bytes))
        {
            Assert.Equal(Reference(bytes), ReadAll(stream).Select(l => l.Line));
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Line_longer_than_the_first_buffer_comes_out_whole(bool bom, bool crlf)
    {
        var longLine = new byte[3 << 20];
        for (var i = 0; i < longLine.Length; i++)
        {
            longLine[i] = (byte)('a' + (i % 26));
        }

        var ending = crlf ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
        using var content = new MemoryStream();
        if (bom)
        {
            content.Write(Bom);
        }

        content.Write("first"u8);
        content.Write(ending);
        content.Write(longLine);
        content.Write(ending);
        content.Write("after"u8);
        content.Write(ending);
        content.Write(longLine.AsSpan(0, (1 << 20) + 1));
        var bytes = content.ToArray();

        // A whole-buffer reader, and one handed 64 KiB at a time, as from a pipe.
        foreach (var stream in (Stream[])[new MemoryStream(bytes), new ChunkedStream(bytes, new Random(5), 1 << 16, 1 << 16)])
        {
            var lines = ReadAll(stream);

            Assert.Equal(4, lines.Count);
            Assert.Equal("first"u8.ToArray(), lines[0].Line);
            Assert.True(longLine.AsSpan().SequenceEqual(lines[1].Line), "the 3 MiB line differs");
            Assert.Equal("after"u8.ToArray(), lines[2].Line);
            Assert.True(longLine.AsSpan(0, (1 << 20) + 1).SequenceEqual(lines[3].Line), "the last line differs");
            Assert.Equal([1L, 2L, 3L, 4L], lines.Select(l => l.Number));
        }
    }

    [Fact]
    public void Many_lines_across_buffer_boundaries_are_all_read_in_order()
    {
        // Lines of varied length, ~3 MiB in all, so some straddle the end of the 1 MiB buffer.
        var random = new Random(11);
        var expected = new List<byte[]>();
        using var content = new MemoryStream();
        while (content.Length < 3 << 20)
        {
            var line = new byte[random.Next(0, 5000)];
            for (var i = 0; i < line.Length; i++)
            {
                line[i] = (byte)random.Next(32, 127);
            }

            expected.Add(line);
            content.Write(line);
            content.Write(random.Next(2) == 0 ? "\n"u8 : "\r\n"u8);
        }

        var bytes = content.ToArray();
        foreach (var stream in (Stream[])[new MemoryStream(bytes), new ChunkedStream(bytes, new Random(12), 1, 9000)])
        {
            var lines = ReadAll(stream);

            Assert.Equal(expected.Count, lines.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(expected[i].AsSpan().SequenceEqual(lines[i].Line), $"line {i + 1} differs");
                Assert.Equal(i + 1, lines[i].Number);
            }
        }
    }

    [Fact]
    public void Random_content_read_a_few_bytes_at_a_time_matches_a_whole_read_and_the_reference()
    {
        // Bytes drawn from those that matter: newlines, carriage returns, the BOM's bytes, UTF-8 text.
        byte[] alphabet = [(byte)'\n', (byte)'\r', 0xEF, 0xBB, 0xBF, (byte)'a', (byte)'{', (byte)'"', 0xC3, 0xA9, 0x00];
        var random = new Random(20260703);
        // Each read allocates the 1 MiB buffer, so fewer, longer cases; half short, where the start's edge cases are.
        for (var i = 0; i < 160; i++)
        {
            var length = i % 2 == 0 ? random.Next(0, 8) : random.Next(0, 5000);
            var bytes = new byte[length];
            for (var j = 0; j < length; j++)
            {
                bytes[j] = alphabet[random.Next(alphabet.Length)];
            }

            if (random.Next(4) == 0)
            {
                bytes = Bom.Concat(bytes).ToArray();
            }

            var expected = Reference(bytes);
            var whole = ReadAll(new MemoryStream(bytes));
            var trickled = ReadAll(new ChunkedStream(bytes, new Random(i), 1, 7));

            Assert.Equal(expected, whole.Select(l => l.Line));
            Assert.Equal(expected, trickled.Select(l => l.Line));
            Assert.Equal(Enumerable.Range(1, expected.Count).Select(n => (long)n), trickled.Select(l => l.Number));
        }
    }

    [Fact]
    public void Lines_are_read_lazily_from_the_stream()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("line\n", 1000)));
        var stream = new ChunkedStream(bytes, new Random(3), 1, 7);

        using var lines = new Utf8Lines(stream).Read().GetEnumerator();
        Assert.True(lines.MoveNext());

        Assert.Equal("line"u8.ToArray(), lines.Current.Line.ToArray());
        Assert.True(stream.Position < 20, $"read {stream.Position} bytes for the first line");
    }

    /// <summary>Every line copied out: a line is only valid until the next is read.</summary>
    private static List<(byte[] Line, long Number)> ReadAll(Stream stream) =>
        [.. new Utf8Lines(stream).Read().Select(l => (l.Line.ToArray(), l.Number))];

    /// <summary>The same bytes through a stream that reads whole, one byte at a time, and 1–7 bytes at a time.</summary>
    private static IEnumerable<Stream> Streams(byte[] bytes)
    {
        yield return new MemoryStream(bytes);
        yield return new ChunkedStream(bytes, new Random(1), 1, 1);
        yield return new ChunkedStream(bytes, new Random(2), 1, 7);
    }

    /// <summary>The plain definition: drop a leading BOM, split at '\n', drop one '\r' before each end, no line after a final '\n'.</summary>
    private static List<byte[]> Reference(byte[] bytes)
    {
        var content = bytes.AsSpan().StartsWith(Bom) ? bytes[3..] : bytes;
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= content.Length; i++)
        {
            if (i == content.Length && start == content.Length)
            {
                break;
            }

            if (i == content.Length || content[i] == (byte)'\n')
            {
                var end = i > start && content[i - 1] == (byte)'\r' ? i - 1 : i;
                lines.Add(content[start..end]);
                start = i + 1;
            }
        }

        return lines;
    }

    /// <summary>A stream that hands over between <c>min</c> and <c>max</c> bytes per read, as a network or pipe may.</summary>
    private sealed class ChunkedStream(byte[] content, Random random, int min, int max) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, random.Next(min, max + 1)), content.Length - _position);
            content.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset, n));
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
