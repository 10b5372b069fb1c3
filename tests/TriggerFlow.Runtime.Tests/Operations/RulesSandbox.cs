namespace TriggerFlow.Runtime.Tests.Operations;

/// <summary>A temporary folder holding a small, valid <c>rules/</c> folder: a catalog and one rule.</summary>
internal sealed class RulesSandbox : IDisposable
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

    public const string Welcome = """
        rule "welcome"
          owner "growth"
          when viewed product
          without purchase within 1d
          send email template "welcome"
        """;

    /// <summary>The same rule waiting two days: a different plan, so a different version.</summary>
    public static readonly string WelcomeLater = Welcome.Replace("within 1d", "within 2d", StringComparison.Ordinal);

    /// <summary>A rule with a syntax error on line 3.</summary>
    public const string Broken = """
        rule "broken"
          owner "growth"
          priority high
          when viewed product
          send email template "welcome"
        """;

    public RulesSandbox()
    {
        Root = Directory.CreateTempSubdirectory("triggerflow-rules-").FullName;
        Write("rules/catalog.yaml", Catalog);
        Write("rules/welcome.trigger", Welcome);
    }

    public string Root { get; }

    public string RulesFolder => Path.Combine(Root, "rules");

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>The plan-set version the compiler gives the folder now.</summary>
    public string Version() => Runtime.Deployment.RulesFolder.Read(RulesFolder).Compile().Plans!.Version;

    /// <summary>A deploy request body for the catalog and these rule files.</summary>
    public static object Request(params (string Path, string Text)[] files) => new
    {
        catalog = new { path = "rules/catalog.yaml", text = Catalog },
        files = files.Select(f => new { path = f.Path, text = f.Text }),
    };

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
