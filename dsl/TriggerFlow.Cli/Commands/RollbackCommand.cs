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

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        if (!AdminHost.TryCreate(_context, parsed, _host, out var host))
        {
            return ExitCodes.UsageOrIoError;
        }

        using (host)
        {
            var answer = await host!.SendAsync(HttpMethod.Post, "api/rules/rollback", body: null, cancellationToken);
            switch (answer)
            {
                case null:
                    return ExitCodes.UsageOrIoError;
                case { Status: HttpStatusCode.OK }:
                    var rollback = answer.Read<Rollback>()!;
                    _context.Out.WriteLine($"rolled back from version {rollback.RolledBackFrom} to version {rollback.Version} (deployment {rollback.Deployment})");
                    return ExitCodes.Ok;
                case { Status: HttpStatusCode.Conflict }:
                    _context.Error.WriteLine($"error: {answer.Read<AdminHost.Problem>()?.Title ?? "there is no earlier deployment to roll back to"}");
                    return ExitCodes.RuleErrors;
                default:
                    return host.ReportUnexpected(answer);
            }
        }
    }

    private sealed record Rollback(string Version, int Deployment, string RolledBackFrom);
}
