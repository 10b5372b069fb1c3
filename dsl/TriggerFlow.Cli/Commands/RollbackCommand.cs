using System.CommandLine;
using System.Net;

namespace TriggerFlow.Cli.Commands;

/// <summary><c>triggerflow rollback</c>: asks the host to reactivate the deployment before the active one.</summary>
internal sealed class RollbackCommand : Command
{
    private readonly CliContext _context;
    private readonly AdminHost.Options _host = AdminHost.Options.Create();

    public RollbackCommand(CliContext context)
        : base("rollback", "Reactivate the deployment before the active one on a running host (exit 1: there is none; 2: the host could not be reached or refused).")
    {
        _context = context;
        _host.AddTo(this);
        SetAction(RunAsync);
    }

    private Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken) =>
        AdminHost.ExchangeAsync(_context, parsed, _host, HttpMethod.Post, "api/rules/rollback", body: null, Interpret, cancellationToken);

    private int Interpret(AdminHost host, HostAnswer answer)
    {
        switch (answer.Status)
        {
            case HttpStatusCode.OK:
                var rollback = answer.Read<Rollback>()!;
                _context.Out.WriteLine($"rolled back from version {rollback.RolledBackFrom} to version {rollback.Version} (deployment {rollback.Deployment})");
                return ExitCodes.Ok;
            case HttpStatusCode.Conflict:
                _context.Error.WriteLine($"error: {answer.Read<AdminHost.Problem>()?.Title ?? "there is no earlier deployment to roll back to"}");
                return ExitCodes.RuleErrors;
            default:
                return host.ReportUnexpected(answer);
        }
    }

    private sealed record Rollback(string Version, int Deployment, string RolledBackFrom);
}
