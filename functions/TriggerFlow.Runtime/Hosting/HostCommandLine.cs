using System.CommandLine;
using Suggestions = TriggerFlow.Language.Parsing.Suggestions;

namespace TriggerFlow.Runtime.Hosting;

/// <summary>
/// The host's own command line. Every option maps onto a setting that configuration already has
/// (<c>--data-dir</c> is <c>TriggerFlow:DataDir</c>, <c>--urls</c> is ASP.NET Core's <c>urls</c>), and
/// it overrides host.json and the environment, as a command line does. Anything else is refused
/// before the host starts: an option ignored silently once sent an operator's data to the wrong
/// folder. Other settings come from host.json or environment variables (<c>TriggerFlow__Name</c>).
/// </summary>
internal sealed class HostCommandLine
{
    /// <summary>The exit code of a command line that was refused.</summary>
    public const int UsageError = 2;

    private const string Prefix = "triggerflow host";

    private static readonly Option<string> DataDirOption = new("--data-dir")
    {
        HelpName = "DIR",
        Description = "Folder for the SQLite file, the delivery ledger and the file channel's output (TriggerFlow:DataDir; default .triggerflow, relative to the working folder).",
    };

    private static readonly Option<string> UrlsOption = new("--urls")
    {
        HelpName = "URLS",
        Description = "Addresses to listen on, separated by `;` (ASP.NET Core's urls, also ASPNETCORE_URLS; default http://localhost:5000).",
    };

    private static readonly Option<string> EnvironmentOption = new("--environment")
    {
        HelpName = "NAME",
        Description = "Development, Staging or Production (also ASPNETCORE_ENVIRONMENT; default Production). The shipped development keys work only in Development.",
    };

    private static readonly Option<string> ContentRootOption = new("--content-root")
    {
        HelpName = "DIR",
        Description = "Folder host.json and the rules folder are found from (default: the working folder).",
    };

    private static readonly Option<bool> HelpOption = new("--help", "-h")
    {
        Description = "Print these options and exit.",
    };

    private static readonly Option[] Options = [DataDirOption, UrlsOption, EnvironmentOption, ContentRootOption, HelpOption];

    private static readonly Command Root = CreateRoot();

    private HostCommandLine(string? dataDir, string? urls, string? environment, string? contentRoot)
    {
        DataDir = dataDir;
        Urls = urls;
        Environment = environment;
        ContentRoot = contentRoot;
    }

    /// <summary>The data folder given, as an absolute path; null when not given.</summary>
    public string? DataDir { get; }

    public string? Urls { get; }

    public string? Environment { get; }

    /// <summary>The content root given, as an absolute path; null when not given.</summary>
    public string? ContentRoot { get; }

    /// <summary>
    /// Parses <paramref name="args"/>. Null when the host must not start: after printing the help
    /// to <paramref name="output"/> (exit 0) or the problems to <paramref name="error"/> (exit <see cref="UsageError"/>).
    /// </summary>
    public static HostCommandLine? Parse(IReadOnlyList<string> args, TextWriter output, TextWriter error, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        // No `@file` expansion: the host takes its settings from host.json, not from response files.
        var parsed = Root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.GetValue(HelpOption))
        {
            output.Write(Help());
            exitCode = 0;
            return null;
        }

        var problems = Problems(args, parsed);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"{Prefix}: {problem}");
            }

            error.WriteLine($"{Prefix}: options are {OptionList()}; `--help` describes them. Other settings go in host.json or environment variables (TriggerFlow__Name).");
            exitCode = UsageError;
            return null;
        }

        exitCode = 0;
        return new HostCommandLine(
            FullPath(parsed.GetValue(DataDirOption)),
            parsed.GetValue(UrlsOption),
            parsed.GetValue(EnvironmentOption),
            FullPath(parsed.GetValue(ContentRootOption)));
    }

    /// <summary>The web builder's options: the settings given, above host.json and the environment.</summary>
    public WebApplicationOptions ToWebApplicationOptions()
    {
        var switches = new List<string>();
        if (DataDir is not null)
        {
            switches.Add($"--{TriggerFlowOptions.Section}:{nameof(TriggerFlowOptions.DataDir)}={DataDir}");
        }

        if (Urls is not null)
        {
            switches.Add($"--urls={Urls}");
        }

        // The switches go through the standard command-line configuration source, which ranks above every other.
        return new WebApplicationOptions { Args = [.. switches], EnvironmentName = Environment, ContentRootPath = ContentRoot };
    }

    /// <summary>The options and what they do, for <c>--help</c> and docs/operations.md.</summary>
    public static string Help()
    {
        var text = new StringWriter();
        text.WriteLine("Usage: dotnet TriggerFlow.Runtime.dll [options]");
        text.WriteLine();
        text.WriteLine("Starts the TriggerFlow host. Options override host.json and environment variables; every other");
        text.WriteLine("setting goes in host.json or an environment variable (TriggerFlow__AdminKey, ...).");
        text.WriteLine();
        text.WriteLine("Options:");
        foreach (var option in Options)
        {
            var name = option.HelpName is null ? option.Name : $"{option.Name} {option.HelpName}";
            text.WriteLine($"  {name,-20} {option.Description}");
        }

        return text.ToString();
    }

    private static Command CreateRoot()
    {
        // Unmatched tokens are reported here, with the options listed, rather than as the parser's generic error.
        var command = new Command("TriggerFlow.Runtime") { TreatUnmatchedTokensAsErrors = false };
        foreach (var option in Options)
        {
            command.Options.Add(option);
        }

        return command;
    }

    private static List<string> Problems(IReadOnlyList<string> args, ParseResult parsed)
    {
        // The parser would take `--urls` in `--data-dir --urls X` as the folder: an option right after another is a missing value.
        if (MissingValues(args) is { Count: > 0 } missing)
        {
            return missing;
        }

        var problems = UnknownTokens(args, parsed.UnmatchedTokens);
        if (parsed.Errors.Count > 0)
        {
            // The values cannot be read while the parser has errors (a missing value, a repeated option).
            problems.AddRange(parsed.Errors.Select(e => e.Message));
            return problems;
        }

        Check(problems, DataDirOption, parsed.GetValue(DataDirOption), FolderProblem);
        Check(problems, UrlsOption, parsed.GetValue(UrlsOption), UrlsProblem);
        Check(problems, EnvironmentOption, parsed.GetValue(EnvironmentOption), EnvironmentProblem);
        Check(problems, ContentRootOption, parsed.GetValue(ContentRootOption), ContentRootProblem);
        return problems;
    }

    private static List<string> MissingValues(IReadOnlyList<string> args)
    {
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (Array.Find(Options, o => o.Name == args[i]) is { HelpName: { } value } option
                && (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                problems.Add($"`{option.Name}` needs a value: {option.Name} {value}");
            }
        }

        return problems;
    }

    /// <summary>One problem per unknown option; the value written after an unknown option is taken as its value, not reported again.</summary>
    private static List<string> UnknownTokens(IReadOnlyList<string> args, IReadOnlyList<string> unmatched)
    {
        var problems = new List<string>();
        var left = unmatched.CountBy(t => t, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var previousUnknownOption = false;
        foreach (var arg in args)
        {
            if (!left.TryGetValue(arg, out var count) || count == 0)
            {
                previousUnknownOption = false;
                continue;
            }

            left[arg] = count - 1;
            var isOption = arg.StartsWith('-');
            if (isOption || !previousUnknownOption)
            {
                problems.Add(Unknown(arg));
            }

            previousUnknownOption = isOption && !arg.Contains('=', StringComparison.Ordinal);
        }

        return problems;
    }

    private static string Unknown(string token)
    {
        if (!token.StartsWith('-'))
        {
            return $"unexpected argument `{token}`: the host takes options only (configuration keys such as `Key=Value` go in host.json or environment variables)";
        }

        var name = token.Split('=', ':')[0];
        var suggestion = Suggestions.Closest(name, Options.Select(o => o.Name));
        return suggestion is null ? $"unknown option `{name}`" : $"unknown option `{name}`; did you mean `{suggestion}`?";
    }

    private static void Check(List<string> problems, Option option, string? value, Func<string, string?> problem)
    {
        if (value is not null && problem(value) is { } message)
        {
            problems.Add($"{option.Name} `{value}`: {message}");
        }
    }

    private static string? FolderProblem(string value)
    {
        if (value.Trim().Length == 0)
        {
            return "give a folder";
        }

        if (value.StartsWith('-'))
        {
            return "looks like an option, not a folder; write ./" + value + " for a folder whose name starts with `-`";
        }

        return value.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0 ? "holds a character no path may hold" : null;
    }

    private static string? ContentRootProblem(string value) =>
        FolderProblem(value) ?? (Directory.Exists(value) ? null : "no such folder");

    private static string? EnvironmentProblem(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? null
            : "give a name such as Development or Production (letters, digits, `-`, `_`, `.`)";

    private static string? UrlsProblem(string value)
    {
        var urls = value.Split(';', StringSplitOptions.TrimEntries);
        if (urls.Any(u => u.Length == 0))
        {
            return "give one or more addresses such as http://127.0.0.1:5080, separated by `;`";
        }

        return urls.FirstOrDefault(u => !IsListenAddress(u)) is { } bad
            ? $"`{bad}` is not an address to listen on; write http://HOST:PORT or https://HOST:PORT (HOST may be `*`)"
            : null;
    }

    /// <summary>What Kestrel listens on: http or https, a host (<c>*</c> and <c>+</c> mean every address), an optional port, no query.</summary>
    private static bool IsListenAddress(string url)
    {
        var wildcard = url.Replace("://*", "://any", StringComparison.Ordinal).Replace("://+", "://any", StringComparison.Ordinal);
        return Uri.TryCreate(wildcard, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
    }

    private static string OptionList() => string.Join(", ", Options.Select(o => o.HelpName is null ? o.Name : $"{o.Name} {o.HelpName}"));

    private static string? FullPath(string? path) => path is null ? null : Path.GetFullPath(path);
}
