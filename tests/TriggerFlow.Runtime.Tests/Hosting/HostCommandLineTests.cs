using TriggerFlow.Runtime.Hosting;

namespace TriggerFlow.Runtime.Tests.Hosting;

/// <summary>The host's command line as parsed, before anything starts.</summary>
public sealed class HostCommandLineTests
{
    [Fact]
    public void Every_documented_option_is_read()
    {
        var folder = Path.GetTempPath();

        var (line, exitCode, _, error) = Parse("--data-dir", "some/data", "--urls", "http://127.0.0.1:6000;http://*:6001", "--environment", "Staging", "--content-root", folder);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Equal(Path.GetFullPath("some/data"), line!.DataDir);
        Assert.Equal("http://127.0.0.1:6000;http://*:6001", line.Urls);
        Assert.Equal("Staging", line.Environment);
        Assert.Equal(Path.GetFullPath(folder), line.ContentRoot);
    }

    [Fact]
    public void The_equals_form_is_read_too()
    {
        var (line, exitCode, _, _) = Parse("--data-dir=/srv/triggerflow", "--urls=http://127.0.0.1:6000");

        Assert.Equal(0, exitCode);
        Assert.Equal(Path.GetFullPath("/srv/triggerflow"), line!.DataDir);
        Assert.Equal("http://127.0.0.1:6000", line.Urls);
    }

    [Fact]
    public void No_arguments_start_the_host_with_its_configuration()
    {
        var (line, exitCode, _, error) = Parse();

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Null(line!.DataDir);
        var options = line.ToWebApplicationOptions();
        Assert.Empty(options.Args!);
        Assert.Null(options.EnvironmentName);
        Assert.Null(options.ContentRootPath);
    }

    [Fact]
    public void The_data_folder_and_urls_become_configuration_above_every_other_source()
    {
        var (line, _, _, _) = Parse("--data-dir", "/srv/tf", "--urls", "http://127.0.0.1:6000", "--environment", "Development");

        var options = line!.ToWebApplicationOptions();

        Assert.Equal([$"--TriggerFlow:DataDir={Path.GetFullPath("/srv/tf")}", "--urls=http://127.0.0.1:6000"], options.Args!);
        Assert.Equal("Development", options.EnvironmentName);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_prints_every_option_and_exits_0(string help)
    {
        var (line, exitCode, output, error) = Parse(help);

        Assert.Null(line);
        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        foreach (var option in new[] { "--data-dir DIR", "--urls URLS", "--environment NAME", "--content-root DIR", "--help" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_option_is_refused_with_the_options_listed()
    {
        var (line, exitCode, output, error) = Parse("--foo");

        Assert.Null(line);
        Assert.Equal(HostCommandLine.UsageError, exitCode);
        Assert.Equal("", output);
        Assert.Equal(
            "triggerflow host: unknown option `--foo`\n"
            + "triggerflow host: options are --data-dir DIR, --urls URLS, --environment NAME, --content-root DIR, --help; `--help` describes them. "
            + "Other settings go in host.json or environment variables (TriggerFlow__Name).\n",
            error);
    }

    [Theory]
    [InlineData("--datadir", "--data-dir")]
    [InlineData("--data_dir", "--data-dir")]
    [InlineData("--url", "--urls")]
    [InlineData("--enviroment", "--environment")]
    public void A_misspelt_option_gets_a_suggestion(string given, string suggested)
    {
        var (_, exitCode, _, error) = Parse(given, "value");

        Assert.Equal(HostCommandLine.UsageError, exitCode);
        Assert.StartsWith($"triggerflow host: unknown option `{given}`; did you mean `{suggested}`?\n", error, StringComparison.Ordinal);
        Assert.DoesNotContain("`value`", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--data-dir")]
    [InlineData("--urls")]
    [InlineData("--environment")]
    [InlineData("--content-root")]
    public void An_option_without_its_value_is_refused(string option)
    {
        var (line, exitCode, _, error) = Parse(option);

        Assert.Null(line);
        Assert.Equal(HostCommandLine.UsageError, exitCode);
        Assert.StartsWith($"triggerflow host: `{option}` needs a value: {option} ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_followed_by_another_option_has_no_value()
    {
        var (_, exitCode, _, error) = Parse("--data-dir", "--urls", "http://127.0.0.1:6000");

        Assert.Equal(HostCommandLine.UsageError, exitCode);
        Assert.StartsWith("triggerflow host: `--data-dir` needs a value: --data-dir DIR\ntriggerflow host: options are", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--data-dir", "" }, "--data-dir ``: give a folder")]
    [InlineData(new[] { "--data-dir", "   " }, "--data-dir `   `: give a folder")]
    [InlineData(new[] { "--data-dir=-x" }, "--data-dir `-x`: looks like an option, not a folder; write ./-x for a folder whose name starts with `-`")]
    [InlineData(new[] { "--data-dir", "a\0b" }, "--data-dir `a\0b`: holds a character no path may hold")]
    [InlineData(new[] { "--urls", "127.0.0.1:5000" }, "is not an address to listen on")]
    [InlineData(new[] { "--urls", "ftp://127.0.0.1" }, "is not an address to listen on")]
    [InlineData(new[] { "--urls", "http://127.0.0.1:notaport" }, "is not an address to listen on")]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000;" }, "separated by `;`")]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000/?a=1" }, "is not an address to listen on")]
    [InlineData(new[] { "--environment", "Develop ment" }, "give a name such as Development")]
    [InlineData(new[] { "--environment", "" }, "give a name such as Development")]
    [InlineData(new[] { "--content-root", "/no/such/folder/anywhere" }, "no such folder")]
    [InlineData(new[] { "--data-dir", "a", "--data-dir", "b" }, "'--data-dir' expects a single argument")]
    [InlineData(new[] { "rules/" }, "unexpected argument `rules/`: the host takes options only")]
    [InlineData(new[] { "TriggerFlow:DataDir=/x" }, "unexpected argument `TriggerFlow:DataDir=/x`")]
    [InlineData(new[] { "--TriggerFlow:DataDir=/x" }, "unknown option `--TriggerFlow`")]
    [InlineData(new[] { "@arguments.rsp" }, "unexpected argument `@arguments.rsp`")]
    public void Malformed_values_are_refused_naming_the_option_and_the_fix(string[] args, string expected)
    {
        var (line, exitCode, _, error) = Parse(args);

        Assert.Null(line);
        Assert.Equal(HostCommandLine.UsageError, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_in_one_run()
    {
        var (_, _, _, error) = Parse("--bogus", "--urls", "ftp://x", "--environment", "a b");

        Assert.Contains("unknown option `--bogus`", error, StringComparison.Ordinal);
        Assert.Contains("--urls `ftp://x`", error, StringComparison.Ordinal);
        Assert.Contains("--environment `a b`", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_arguments_are_refused_without_throwing()
    {
        var huge = new string('x', 100_000);
        string[][] hostile =
        [
            ["--" + huge],
            ["--data-dir", "--" + huge],
            ["--urls", "http://" + huge],
            ["--urls", string.Join(';', Enumerable.Repeat("http://", 10_000))],
            ["\u202e--data-dir", "x"],
            [.. Enumerable.Repeat("--foo", 10_000)],
        ];

        foreach (var args in hostile)
        {
            var (line, exitCode, _, _) = Parse(args);
            Assert.Null(line);
            Assert.Equal(HostCommandLine.UsageError, exitCode);
        }
    }

    private static (HostCommandLine? Line, int ExitCode, string Output, string Error) Parse(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var line = HostCommandLine.Parse(args, output, error, out var exitCode);
        return (line, exitCode, output.ToString(), error.ToString());
    }
}
