using System.Text;

namespace TriggerFlow.Simulation.Input;

/// <summary>
/// Splits RFC 4180 CSV into records, one at a time: quoted fields may hold commas, doubled
/// quotes and line breaks. Tracks physical lines so problems can name the line a record starts on.
/// </summary>
internal sealed class CsvRecords(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private long _line = 1;

    /// <summary>The line the last record returned started on.</summary>
    public long StartLine { get; private set; }

    /// <summary>The next record's fields; null at the end. <paramref name="error"/> is set for a record with broken quoting.</summary>
    public List<string>? Next(out string? error)
    {
        error = null;
        if (reader.Peek() < 0)
        {
            return null;
        }

        StartLine = _line;
        var fields = new List<string>();
        while (true)
        {
            var end = ReadField(out error);
            fields.Add(_field.ToString());
            if (error is not null)
            {
                SkipRestOfLine();
                return fields;
            }

            if (end)
            {
                return fields;
            }
        }
    }

    /// <summary>Reads one field into <see cref="_field"/>; true when it ended the record.</summary>
    private bool ReadField(out string? error)
    {
        error = null;
        _field.Clear();
        if (reader.Peek() == '"')
        {
            reader.Read();
            return ReadQuoted(out error);
        }

        while (true)
        {
            var c = reader.Read();
            switch (c)
            {
                case -1:
                    return true;
                case ',':
                    return false;
                case '\r' or '\n':
                    EndLine(c);
                    return true;
                default:
                    _field.Append((char)c);
                    break;
            }
        }
    }

    private bool ReadQuoted(out string? error)
    {
        error = null;
        while (true)
        {
            var c = reader.Read();
            if (c == -1)
            {
                error = "a quoted field is not closed before the end of the file";
                return true;
            }

            if (c != '"')
            {
                _line += c == '\n' ? 1 : 0;
                _field.Append((char)c);
                continue;
            }

            if (reader.Peek() == '"')
            {
                _field.Append((char)reader.Read());
                continue;
            }

            return AfterClosingQuote(out error);
        }
    }

    private bool AfterClosingQuote(out string? error)
    {
        error = null;
        var next = reader.Read();
        switch (next)
        {
            case -1:
                return true;
            case ',':
                return false;
            case '\r' or '\n':
                EndLine(next);
                return true;
            default:
                error = $"unexpected `{(char)next}` after a closing quote (a quote inside a quoted field is written \"\")";
                return true;
        }
    }

    private void EndLine(int c)
    {
        if (c == '\r' && reader.Peek() == '\n')
        {
            reader.Read();
        }

        _line++;
    }

    private void SkipRestOfLine()
    {
        while (reader.Read() is var c and not -1)
        {
            if (c is '\r' or '\n')
            {
                EndLine(c);
                return;
            }
        }
    }
}
