namespace TriggerFlow.Simulation.Input;

/// <summary>
/// Splits a stream of UTF-8 bytes into lines without decoding them: JSON lines are parsed from
/// the bytes as they are, so no line is ever turned into a string. Lines end at <c>\n</c>; a
/// <c>\r</c> before it is dropped, and so is a byte-order mark at the start. Each line is valid
/// only until the next is read.
/// </summary>
internal sealed class Utf8Lines(Stream stream)
{
    private const int InitialBuffer = 1 << 20;

    public IEnumerable<(ReadOnlyMemory<byte> Line, long Number)> Read()
    {
        var buffer = new byte[InitialBuffer];
        int start = 0, end = 0;
        var number = 0L;
        var eof = false;
        var first = true;
        var scanned = 0; // bytes after start already known to hold no newline
        while (true)
        {
            var newline = buffer.AsSpan(start + scanned, end - start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                newline += scanned;
                scanned = 0;
                var length = newline > 0 && buffer[start + newline - 1] == (byte)'\r' ? newline - 1 : newline;
                yield return (buffer.AsMemory(start, length), ++number);
                start += newline + 1;
                continue;
            }

            scanned = end - start;
            if (eof)
            {
                if (end > start)
                {
                    var length = buffer[end - 1] == (byte)'\r' ? end - start - 1 : end - start;
                    yield return (buffer.AsMemory(start, length), ++number);
                }

                yield break;
            }

            // Keep the partial line, at the front of a buffer big enough to take more of it.
            if (start > 0)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = stream.Read(buffer, end, buffer.Length - end);
            eof = read == 0;
            end += read;
            if (first && number == 0 && (end >= 3 || eof))
            {
                first = false;
                start = end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
                scanned = Math.Max(0, scanned - start);
            }
        }
    }
}
