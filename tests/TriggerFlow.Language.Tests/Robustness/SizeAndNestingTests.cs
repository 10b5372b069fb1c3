using System.Text;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Parsing;
using TriggerFlow.Language.Workspace;
using TriggerFlow.Testing;

namespace TriggerFlow.Language.Tests.Robustness;

/// <summary>
/// Inputs that are too big, too deep or too long are refused with a diagnostic, without exhausting the stack,
/// and with work that grows no faster than the input (counted in allocations, not timed).
/// </summary>
public sealed class SizeAndNestingTests
{
    private const string Rule = """
        rule "r{0}"
          owner "lifecycle"
          status always-on
          when viewed product where category = "kids" and price > 10
          without purchase within 24h
          and segment parents and (profile.country = "US" or profile.country in ["CA", "MX"])
          send email template "bts-browse" with 10% offer
          at most 1 per 7d
          quiet hours hold

        """;

    [Fact]
    public async Task A_10_MB_file_is_refused_with_TF0008()
    {
        var result = await Pipeline.Parse(new string('x', 10 * 1024 * 1024));

        Assert.Equal(Descriptors.FileTooLarge, Assert.Single(result.Diagnostics).Descriptor);
    }

    [Fact]
    public async Task A_10_MB_file_on_disk_is_refused_with_TF0008_without_reading_it()
    {
        var folder = Directory.CreateTempSubdirectory("tf-robust-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "catalog.yaml"), RulesFolder.CatalogText);
            using (var big = File.Create(Path.Combine(folder.FullName, "big.trigger")))
            {
                big.SetLength(10 * 1024 * 1024);
            }

            var load = await HangGuard.Within("loading a folder with a 10 MB file", () => RuleWorkspace.TryLoad([folder.FullName], out var l, out _) ? l : null);

            Assert.NotNull(load);
            Assert.Equal(Descriptors.FileTooLarge, Assert.Single(load.Set.ReadDiagnostics).Descriptor);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_900_KB_file_of_many_rules_parses_and_checks()
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < 900 * 1024; i++)
        {
            text.Append(Rule.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var result = await Pipeline.Parse(text.ToString(), "rules/many.trigger");
        await Pipeline.ParseAndCheck(text.ToString(), "rules/many.trigger");

        Assert.Empty(result.Diagnostics);
        Assert.True(result.File.Rules.Count() > 1500);
    }

    [Theory]
    [InlineData(10, null)]
    [InlineData(32, null)]
    [InlineData(33, "TF0009")]
    [InlineData(10_000, "TF0009")]
    [InlineData(1_000_000, "TF0008")]
    public async Task Nested_parentheses_are_bounded(int depth, string? code)
    {
        var text = $"segment deep: {new string('(', depth)}profile.lines > 1{new string(')', depth)}\n";

        var diagnostics = await Pipeline.ParseAndCheck(text);

        Assert.Equal(code, diagnostics.FirstOrDefault(d => d.Path == "rules/hostile.trigger" && d.Code is "TF0008" or "TF0009")?.Code);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(10_000)]
    [InlineData(400_000)]
    public async Task Nested_lists_are_bounded(int depth)
    {
        var text = $"segment deep: profile.lines in {new string('[', depth)}1{new string(']', depth)}\n";

        var result = await Pipeline.Parse(text);

        Assert.Contains(result.Diagnostics, d => d.Descriptor == Descriptors.NestingTooDeep);
    }

    [Theory]
    [InlineData("not ", "profile.lines > 1")]
    [InlineData("profile.lines > 1 and ", "profile.lines > 1")]
    [InlineData("profile.lines > 1 or ", "profile.lines > 1")]
    [InlineData("segment parents and not ", "segment parents")]
    public async Task Long_chains_of_operators_do_not_exhaust_the_stack(string repeated, string last)
    {
        var text = new StringBuilder("segment chained: ");
        while (text.Length < SourceText.MaxLength - 100)
        {
            text.Append(repeated);
        }

        text.Append(last).Append('\n');

        await Pipeline.ParseAndCheck(text.ToString());
    }

    [Fact]
    public async Task The_deepest_condition_the_limits_allow_is_parsed_checked_formatted_and_compiled()
    {
        // Parentheses under runs of `not`s, each at the head of an `and` chain: just inside the
        // depth bound. Every tree walker (checker, formatter, compiler) must cope with it.
        var condition = Deep(levels: 9, parts: 10);
        var text = $"segment deepest: {condition}\nrule \"deep\"\n  when purchase\n  and segment deepest and {condition}\n  send email template \"bts-browse\"\n";

        var diagnostics = await Pipeline.ParseAndCheck(text);
        var formatted = await HangGuard.Within("formatting the deepest condition", () => Language.Formatting.RuleFormatter.TryFormat("rules/hostile.trigger", text, out var f, out _) ? f : null);
        var compiled = await HangGuard.Within("compiling the deepest condition", () => Language.Compilation.RuleCompiler.Compile(Pipeline.SetWith(text)));

        Assert.DoesNotContain(diagnostics, d => d.Path == "rules/hostile.trigger" && d.Code is "TF0001" or "TF0008" or "TF0009");
        Assert.NotNull(formatted);
        Assert.True(compiled.Succeeded, string.Join('\n', compiled.Diagnostics));
    }

    [Fact]
    public async Task A_condition_deeper_than_the_bound_is_diagnosed()
    {
        var text = $"segment deepest: {Deep(levels: 32, parts: 250)}\n";

        var diagnostics = await Pipeline.ParseAndCheck(text);

        Assert.Contains(diagnostics, d => d.Path == "rules/hostile.trigger" && d.Code == "TF0009");
    }

    private static string Deep(int levels, int parts)
    {
        var condition = "profile.lines > 1";
        for (var level = 0; level < levels; level++)
        {
            condition = string.Concat(Enumerable.Repeat("not ", parts)) + "(" + condition + ")" + string.Concat(Enumerable.Repeat(" and profile.lines > 1", parts));
        }

        return condition;
    }

    [Theory]
    [InlineData("when {0} send email")]
    [InlineData("rule \"{0}\" when purchase send email")]
    [InlineData("when purchase where category = \"{0}\" send email")]
    [InlineData("when purchase send email with coupon = {0}")]
    [InlineData("when purchase send email with {0}")]
    [InlineData("{0}")]
    public async Task Very_long_tokens_are_diagnosed_or_accepted(string shape)
    {
        foreach (var filler in new[] { new string('a', 900_000), new string('9', 900_000), string.Join(' ', Enumerable.Repeat("word", 180_000)) })
        {
            await Pipeline.ParseAndCheck(shape.Replace("{0}", filler, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Very_long_lines_of_clauses_are_parsed()
    {
        var text = "rule \"long\" when purchase " + string.Concat(Enumerable.Repeat("send email ", 80_000));

        var result = await Pipeline.Parse(text);

        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("priority 99999999999999\n")]
    [InlineData("active from 2026-02-30\n")]
    [InlineData("when purchase where price > 1 and price > 99999999999999999999999999999999\n")]
    public async Task Many_invalid_literals_in_one_file_are_all_reported_with_work_linear_in_their_number(string line)
    {
        var copies = (SourceText.MaxLength - 100) / line.Length;

        var half = await Pipeline.ParseCountingAllocations("rule \"many\"\n" + string.Concat(Enumerable.Repeat(line, copies / 2)));
        var full = await Pipeline.ParseCountingAllocations("rule \"many\"\n" + string.Concat(Enumerable.Repeat(line, copies)));

        Assert.True(full.Result.Diagnostics.Count >= 10_000);
        AssertLinear(half, full);
    }

    [Fact]
    public async Task Many_errors_in_one_file_are_all_reported_with_work_linear_in_their_number()
    {
        var half = await Pipeline.ParseCountingAllocations(string.Concat(Enumerable.Repeat("sned emial \"\n", 35_000)));
        var full = await Pipeline.ParseCountingAllocations(string.Concat(Enumerable.Repeat("sned emial \"\n", 70_000)));

        Assert.True(full.Result.Diagnostics.Count >= 70_000);
        AssertLinear(half, full);
    }

    /// <summary>
    /// Twice the errors may cost twice the work, not four times: the bound that keeps a file near the
    /// size limit from taking minutes. Work is counted in allocated bytes, which do not depend on the
    /// machine's speed or load; how fast the parse is, is measured by the benchmarks.
    /// </summary>
    private static void AssertLinear((ParseResult Result, long Bytes) half, (ParseResult Result, long Bytes) full)
    {
        // The two inputs differ only in how many errors they hold (a few diagnostics about the whole file aside).
        Assert.InRange(full.Result.Diagnostics.Count, (2 * half.Result.Diagnostics.Count) - 10, (2 * half.Result.Diagnostics.Count) + 10);
        var ratio = full.Bytes / (double)half.Bytes;
        Assert.True(ratio <= 2.5, $"twice the errors allocated {ratio:0.00} times as much ({half.Bytes:N0} then {full.Bytes:N0} bytes): the parser's work grows faster than the input");
    }
}
