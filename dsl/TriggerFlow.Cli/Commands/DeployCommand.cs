using System.CommandLine;
using System.Net;
using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Cli.Commands;

/// <summary>
/// <c>triggerflow deploy</c>: checks the rules folder here first (errors stop it before the host is
/// contacted), then sends the folder to the host, which checks and compiles it again and activates it.
/// </summary>
internal sealed class DeployCommand : Command
{
    private readonly CliContext _context;
    private readonly Argument<string[]> _paths = CommandArguments.Paths();
    private readonly AdminHost.Options _host = AdminHost.Options.Create();

    public DeployCommand(CliContext context)
        : base("deploy", "Check the rules, then deploy them to a running host, which activates them at once (exit 1: the rules have errors; 2: the host could not be reached or refused).")
    {
        _context = context;
        Arguments.Add(_paths);
        _host.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        if (!CompiledRules.TryCompile(_context, CommandArguments.PathsOrDefault(parsed, _paths), out var load, out _, out var exitCode))
        {
            return exitCode;
        }

        return await AdminHost.ExchangeAsync(
            _context,
            parsed,
            _host,
            HttpMethod.Post,
            "api/rules",
            Request(load),
            (host, answer) => answer.Status switch
            {
                HttpStatusCode.OK => Deployed(answer.Read<DeployAnswer>()!),
                HttpStatusCode.UnprocessableEntity => Rejected(answer.Read<AdminHost.Problem>()),
                _ => host.ReportUnexpected(answer),
            },
            cancellationToken);
    }

    /// <summary>The folder as the host takes it, paths relative to the folder above the rules folder (<c>rules/…</c>).</summary>
    private static object Request(WorkspaceLoad load)
    {
        var root = Path.GetFullPath(load.Root);
        var above = Path.GetDirectoryName(root) ?? root;
        string Named(string path) => Path.GetRelativePath(above, Path.GetFullPath(path)).Replace('\\', '/');
        var catalogPath = Path.Combine(root, EventCatalog.FileName);
        return new
        {
            catalog = new { path = Named(catalogPath), text = File.ReadAllText(catalogPath) },
            files = load.Set.Sources.Select(s => new { path = Named(s.Path), text = s.Text }),
        };
    }

    private int Deployed(DeployAnswer deployment)
    {
        var rules = deployment.Rules.Count == 1 ? "1 rule" : $"{deployment.Rules.Count} rules";
        _context.Out.WriteLine(deployment.Unchanged
            ? $"version {deployment.Version} is already active; nothing changed"
            : $"deployed version {deployment.Version} ({rules}, deployment {deployment.Deployment})");
        return ExitCodes.Ok;
    }

    private int Rejected(AdminHost.Problem? problem)
    {
        // The local check passed, so the host's compiler disagrees with this one: most likely another version.
        _context.Error.Write(problem?.Text ?? "");
        _context.Error.WriteLine("the host found errors in the rules and deployed nothing; is it running the same TriggerFlow version as this command line?");
        return ExitCodes.RuleErrors;
    }

    private sealed record DeployAnswer(string Version, int Deployment, bool Unchanged, IReadOnlyList<DeployedRule> Rules);

    private sealed record DeployedRule(string Name, string Version, string Status);
}
