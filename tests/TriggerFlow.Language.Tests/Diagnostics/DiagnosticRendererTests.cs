using System.Text.Json;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Syntax;

namespace TriggerFlow.Language.Tests.Diagnostics;

public sealed class DiagnosticRendererTests
{
    private const string Path = "rules/welcome.trigger";
    private const string Source = "rule \"post-visit\"\n  when store visit\n  send smss template \"post-visit\"\n";

    private static readonly Diagnostic UnknownChannel = Descriptors.UnknownChannel.At(
        Path, new SourceSpan(Source.IndexOf("smss", StringComparison.Ordinal), 4, 3, 8), "unknown channel `smss`", "did you mean `sms`? channels are `email`, `sms`, `push`");

    private static string? TextOf(string path) => path == Path ? Source : null;

    [Fact]
    public void Text_shows_the_line_with_a_caret_under_the_span_and_a_summary()
    {
        var text = DiagnosticRenderer.Text([UnknownChannel], TextOf, colour: false);

        Assert.Equal(
            """
            error[TF0102]: unknown channel `smss`
              --> rules/welcome.trigger:3:8
               |
             3 |   send smss template "post-visit"
               |        ^^^^ did you mean `sms`?
               = help: channels are `email`, `sms`, `push`

            1 error in 1 file

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Text_uses_ansi_colour_only_when_asked()
    {
        Assert.DoesNotContain('\u001b', DiagnosticRenderer.Text([UnknownChannel], TextOf, colour: false));
        Assert.Contains("\u001b[1;31merror[TF0102]\u001b[0m", DiagnosticRenderer.Text([UnknownChannel], TextOf, colour: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_expands_tabs_and_keeps_the_caret_under_the_word()
    {
        var source = "rule \"r\"\n\tsend\tsmss\n";
        var d = Descriptors.UnknownChannel.At("t.trigger", new SourceSpan(15, 4, 2, 7), "unknown channel `smss`");

        var lines = DiagnosticRenderer.Text([d], _ => source, colour: false).Split('\n');

        Assert.Equal(" 2 |     send    smss", lines[3]);
        Assert.Equal("   |             ^^^^", lines[4]);
    }

    [Fact]
    public void Text_never_echoes_control_characters()
    {
        var source = "rule \"r\"\n  owner \"\u001b[2J\u202e\"\n";
        var d = Descriptors.SyntaxError.At("c.trigger", new SourceSpan(18, 1, 2, 10), "bad \u001b[31m", "hint \u0007");

        var text = DiagnosticRenderer.Text([d], _ => source, colour: false);

        Assert.DoesNotContain(text, c => c is '\u001b' or '\u0007' or '\u202e');
        Assert.Contains("owner \"\\u001B[2J\\u202E\"", text, StringComparison.Ordinal);
        Assert.Contains("bad \\u001B[31m", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_trims_a_long_line_around_the_span()
    {
        var line = "  and " + string.Join(" or ", Enumerable.Range(0, 60).Select(i => $"profile.lines = {i}")) + " or segment parnets";
        var column = line.IndexOf("parnets", StringComparison.Ordinal) + 1;
        var d = Descriptors.UnknownSegment.At("l.trigger", new SourceSpan(column - 1, 7, 1, column), "unknown segment `parnets`");

        var lines = DiagnosticRenderer.Text([d], _ => line, colour: false).Split('\n');

        Assert.True(lines[3].Length < 120, lines[3]);
        Assert.StartsWith(" 1 | ...", lines[3], StringComparison.Ordinal);
        Assert.Equal(lines[3].IndexOf("parnets", StringComparison.Ordinal), lines[4].IndexOf('^', StringComparison.Ordinal));
        Assert.EndsWith("^^^^^^^", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_counts_errors_warnings_and_files()
    {
        var warning = Descriptors.CapContradictsChannelCap.At("rules/b.trigger", new SourceSpan(0, 1, 1, 1), "w");
        var other = Descriptors.UnknownEvent.At("rules/c.trigger", new SourceSpan(0, 1, 1, 1), "e");

        Assert.Equal("2 errors, 1 warning in 3 files", DiagnosticRenderer.Summary([UnknownChannel, warning, other]));
        Assert.Equal("no errors or warnings", DiagnosticRenderer.Summary([]));
    }

    [Fact]
    public void Json_parses_back_with_every_field()
    {
        var json = DiagnosticRenderer.Json([UnknownChannel], TextOf);

        var item = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());
        Assert.Equal("TF0102", item.GetProperty("code").GetString());
        Assert.Equal("error", item.GetProperty("severity").GetString());
        Assert.Equal("Unknown channel", item.GetProperty("title").GetString());
        Assert.Equal("unknown channel `smss`", item.GetProperty("message").GetString());
        Assert.Equal(Path, item.GetProperty("file").GetString());
        Assert.Equal((3, 8, 3, 11), (item.GetProperty("line").GetInt32(), item.GetProperty("column").GetInt32(), item.GetProperty("endLine").GetInt32(), item.GetProperty("endColumn").GetInt32()));
        Assert.Equal(UnknownChannel.Hint, item.GetProperty("hint").GetString());
        Assert.Equal("docs/diagnostics.md#tf0102", item.GetProperty("helpLink").GetString());
    }

    [Fact]
    public void GitHub_annotations_escape_data_and_properties()
    {
        var d = Descriptors.UnknownChannel.At("rules/a,b:c%.trigger", new SourceSpan(0, 4, 3, 8), "100% wrong\nreally", "fix: it\r");

        var line = DiagnosticRenderer.GitHub([d], _ => null);

        Assert.Equal("::error file=rules/a%2Cb%3Ac%25.trigger,line=3,col=8,endColumn=11,title=TF0102 unknown channel::100%25 wrong%0Areally. fix: it%0D\n", line);
    }

    [Fact]
    public void GitHub_annotations_mark_warnings()
    {
        var d = Descriptors.SuspiciousWindow.At(Path, new SourceSpan(0, 4, 2, 3), "`400d` is longer than a year", "check the unit");

        Assert.Equal("::warning file=rules/welcome.trigger,line=2,col=3,endColumn=6,title=TF0303 unusually long window::`400d` is longer than a year. check the unit\n", DiagnosticRenderer.GitHub([d], TextOf));
    }
}
