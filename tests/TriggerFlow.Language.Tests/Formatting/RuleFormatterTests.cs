using TriggerFlow.Language.Formatting;
using TriggerFlow.Language.Parsing;

namespace TriggerFlow.Language.Tests.Formatting;

public sealed class RuleFormatterTests
{
    private const string OneLiner = "when browsed category without purchase within 24h and segment back-to-school, send email with 10% offer";

    [Fact]
    public void The_one_line_form_prints_as_the_long_form_with_its_defaults()
    {
        var formatted = Format("rules/back-to-school-browse.trigger", OneLiner);

        Assert.Equal(
            """
            rule "back-to-school-browse"
              owner "unassigned"
              status draft
              priority 50
              when browsed category
              without purchase within 24h
              and segment back-to-school
              send email with 10% offer

            """,
            formatted);
    }

    [Fact]
    public void The_long_form_means_what_the_one_line_form_meant()
    {
        var oneLine = Assert.Single(RuleParser.Parse("rules/back-to-school-browse.trigger", OneLiner).File.Rules);

        var longForm = Assert.Single(RuleParser.Parse("rules/back-to-school-browse.trigger", Format("rules/back-to-school-browse.trigger", OneLiner)).File.Rules);

        Assert.Equal(oneLine.Name, longForm.Name);
        Assert.Equal(oneLine.Clauses, longForm.Clauses.Skip(3));
    }

    [Fact]
    public void Comments_move_with_their_clauses_when_the_clauses_are_reordered()
    {
        var text = """
            # Sent when a parent browses but does not buy.
            rule "bts"   # the back-to-school rule
              # only email: sms costs too much
              send email template "bts" with 10% offer

              and segment parents  # defined in segments.trigger
              owner "growth"
              # the signal
              # (browse, not search)
              when browsed category
            # end of file
            """;

        Assert.Equal(
            """
            # Sent when a parent browses but does not buy.
            rule "bts"  # the back-to-school rule
              owner "growth"
              status draft
              priority 50
              # the signal
              # (browse, not search)
              when browsed category
              and segment parents  # defined in segments.trigger
              # only email: sms costs too much
              send email template "bts" with 10% offer

            # end of file

            """,
            Format("bts.trigger", text));
    }

    [Fact]
    public void A_clause_written_over_several_lines_keeps_its_second_trailing_comment_above_it()
    {
        var text = """
            rule "multi"
              when viewed product  # the signal
                where category = "kids"  # kids only
            """;

        Assert.Equal(
            """
            rule "multi"
              owner "unassigned"
              status draft
              priority 50
              # kids only
              when viewed product where category = "kids"  # the signal

            """,
            Format("multi.trigger", text));
    }

    [Fact]
    public void A_one_line_rule_beside_other_declarations_is_printed_after_them_with_its_comments()
    {
        var text = """
            # the rule
            when viewed product  # the signal
            segment s: profile.a = 1
            send email
            # the end
            """;

        Assert.Equal(
            """
            segment s: profile.a = 1

            # the rule
            rule "mixed"
              owner "unassigned"
              status draft
              priority 50
              when viewed product  # the signal
              send email

            # the end

            """,
            Format("rules/mixed.trigger", text));
    }

    [Fact]
    public void A_file_with_parse_errors_is_never_formatted()
    {
        var formatted = RuleFormatter.TryFormat("broken.trigger", "rule \"x\"\n  sned email\n", out var text, out var diagnostics);

        Assert.False(formatted);
        Assert.Null(text);
        Assert.Contains(diagnostics, d => d.IsError);
    }

    [Fact]
    public void Fmt_check_tells_formatted_from_unformatted_text()
    {
        var canonical = Format("bts.trigger", OneLiner);

        var untidy = FormatCheck.Of("bts.trigger", OneLiner);
        var tidy = FormatCheck.Of("bts.trigger", canonical);

        Assert.False(untidy.IsFormatted);
        Assert.Equal(canonical, untidy.Formatted);
        Assert.True(tidy.IsFormatted);
        Assert.Equal(canonical, tidy.Formatted);
    }

    [Fact]
    public void Fmt_check_leaves_a_broken_file_alone()
    {
        var check = FormatCheck.Of("broken.trigger", "rule \"x\"\n  when viewed product where\n");

        Assert.False(check.CanFormat);
        Assert.False(check.IsFormatted);
        Assert.NotEmpty(check.Diagnostics);
    }

    [Fact]
    public void Crlf_line_endings_are_not_canonical()
    {
        var canonical = Format("bts.trigger", OneLiner);

        var check = FormatCheck.Of("bts.trigger", canonical.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.False(check.IsFormatted);
        Assert.Equal(canonical, check.Formatted);
    }

    private static string Format(string path, string text)
    {
        Assert.True(RuleFormatter.TryFormat(path, text, out var formatted, out var diagnostics), string.Join("\n", diagnostics));
        return formatted;
    }
}
