namespace TriggerFlow.Cli.Tests.Support;

/// <summary>The output of one in-process run of the command line.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error);

/// <summary>
/// A temporary folder holding a small, valid rules folder, where the CLI runs in process.
/// Each test gets its own, and the working directory is passed in, so tests can run in parallel.
/// </summary>
internal sealed class CliSandbox : IDisposable
{
    public const string Catalog = """
        channels: [email, sms, push]
        events:
          viewed product:
            subject: product
            properties:
              product: string
              price: number
          purchase:
            properties:
              total: number
        profile:
          country: string
        templates:
          welcome:
            channels: [email]
            parameters: []
        """;

    public const string ValidRule = """
        rule "welcome"
          owner "growth"
          when viewed product
          without purchase within 1d
          send email template "welcome"
        """;

    /// <summary>A rule with one syntax error on line 3 and nothing else wrong, so it fails whatever the checker adds.</summary>
    public const string SyntaxErrorRule = """
        rule "broken"
          owner "growth"
          priority high
          when viewed product
          send email template "welcome"
        """;

    public CliSandbox()
    {
        Root = Directory.CreateTempSubdirectory("triggerflow-cli-").FullName;
        Write("rules/catalog.yaml", Catalog);
        Write("rules/welcome.trigger", ValidRule);
    }

    public string Root { get; }

    public void Write(string relativePath, string text)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public CliRun Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApp.Run(args, new CliContext(output, error, Root, UseColour: false));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
