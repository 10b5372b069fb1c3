using TriggerFlow.Language.Diagnostics;

namespace TriggerFlow.Language.Tests.Robustness;

/// <summary>Odd literals, characters and line endings each get a diagnostic (or parse cleanly), never an exception.</summary>
public sealed class LexicalEdgeTests
{
    [Theory]
    [InlineData("when purchase send email at most 99999999999999999999 per 1d", "TF0006")]
    [InlineData("when purchase send email at most 1 per 99999999999999999999d", "TF0006")]
    [InlineData("priority 99999999999999999999999999999999999999 when purchase send email", "TF0006")]
    [InlineData("when purchase where price > 99999999999999999999999999999999999999 send email", "TF0006")]
    [InlineData("when purchase send email with 99999999999999999999999999999999999999% offer", "TF0006")]
    [InlineData("active from 2026-02-30 when purchase send email", "TF0007")]
    [InlineData("active until 2026-13-01 when purchase send email", "TF0007")]
    [InlineData("active from 0000-00-00 when purchase send email", "TF0007")]
    [InlineData("when purchase send email quiet hours 24:00 to 99:99 hold", "TF0007")]
    [InlineData("rule \"bad \\q escape\" when purchase send email", "TF0003")]
    [InlineData("rule \"bad \\u12 escape\" when purchase send email", "TF0003")]
    [InlineData("rule \"ends in a backslash\\", "TF0003")]
    [InlineData("rule \"unterminated\nwhen purchase send email", "TF0002")]
    [InlineData("rule \"", "TF0002")]
    [InlineData("when purchase send email template \"a\r\"", "TF0002")]
    [InlineData("when purchase\0 send email", "TF0001")]
    [InlineData("when purchase\u0007\u001b[31m send email", "TF0001")]
    [InlineData("when pur\u0000chase send email", "TF0001")]
    public async Task Bad_literals_and_characters_get_their_diagnostic(string text, string code)
    {
        var diagnostics = await Pipeline.ParseAndCheck(text);

        Assert.Contains(diagnostics, d => d.Path == "rules/hostile.trigger" && d.Code == code);
    }

    [Theory]
    [InlineData("rule \"\u202Eevil\u202C\" when purchase send email")]
    [InlineData("rule \"zero\u200Bwidth\" when purchase send email")]
    [InlineData("when purchase\u200B send email")]
    [InlineData("when \u202Epurchase send email")]
    [InlineData("\uFEFFwhen purchase send email")]
    [InlineData("when purchase where category = \"\uD83D\uDE00\" send email")]
    [InlineData("when purchase where category = \"\uD800\" send email")]
    [InlineData("when \uD83D\uDE00 send email")]
    [InlineData("when p\u0301urchase send email")]
    [InlineData("when purchase send email with coupon = \"\\uD800\"")]
    [InlineData("\u2028when purchase\u2029send email\u0085")]
    [InlineData("WHEN PURCHASE SEND EMAIL")]
    [InlineData("when purchase send emaİl")]
    [InlineData("when purchase send email # ünïcödé comment \u202E")]
    public async Task Unusual_unicode_is_diagnosed_or_accepted(string text)
    {
        await Pipeline.ParseAndCheck(text);
    }

    [Fact]
    public async Task CRLF_files_parse_like_LF_files_with_the_same_lines()
    {
        foreach (var (name, text) in RulesFolder.TriggerFiles())
        {
            var lf = text.ReplaceLineEndings("\n");

            var unix = await Pipeline.Parse(lf, "rules/" + name);
            var windows = await Pipeline.Parse(lf.Replace("\n", "\r\n", StringComparison.Ordinal), "rules/" + name);
            var classicMac = await Pipeline.Parse(lf.Replace('\n', '\r'), "rules/" + name);

            Assert.Equal(unix.File, windows.File);
            Assert.Equal(unix.Diagnostics.Select(d => (d.Code, d.Span.Line, d.Span.Column)), windows.Diagnostics.Select(d => (d.Code, d.Span.Line, d.Span.Column)));
            Assert.NotNull(classicMac.File);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\n\n\n")]
    [InlineData("\r\n\t \r\n")]
    [InlineData("#")]
    [InlineData("# only a comment")]
    [InlineData("# one\n# two\r\n   # three \"with a quote\n#\n")]
    [InlineData(",,,")]
    public async Task Empty_and_comment_only_files_parse_cleanly(string text)
    {
        var result = await Pipeline.Parse(text);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.File.Declarations);
    }

    [Theory]
    [InlineData("rule")]
    [InlineData("rule \"x\"")]
    [InlineData("segment")]
    [InlineData("segment s:")]
    [InlineData("channel email at most")]
    [InlineData("quiet hours")]
    [InlineData("when")]
    [InlineData("when purchase where")]
    [InlineData("when purchase where (")]
    [InlineData("when purchase where )")]
    [InlineData(")))))")]
    [InlineData("]]]]")]
    [InlineData("and segment parents and not")]
    [InlineData("send email with")]
    [InlineData("variant \"a\" 50% via")]
    public async Task Files_that_stop_mid_clause_are_diagnosed(string text)
    {
        var diagnostics = await Pipeline.ParseAndCheck(text);

        Assert.Contains(diagnostics, d => d.Path == "rules/hostile.trigger" && d.Severity == Severity.Error);
    }
}
