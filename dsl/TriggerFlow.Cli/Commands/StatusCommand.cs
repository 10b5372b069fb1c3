using System.CommandLine;
using System.Globalization;
using System.Net;

namespace TriggerFlow.Cli.Commands;

/// <summary><c>triggerflow status</c>: the host's active rule set and the deployments before it.</summary>
internal sealed class StatusCommand : Command
{
    private const int PreviousShown = 10;

    private readonly CliContext _context;
    private readonly AdminHost.Options _host = AdminHost.Options.Create();

    public StatusCommand(CliContext context)
        : base("status", "Show the rules active on a running host and the deployments before them (exit 2: the host could not be reached or refused).")
    {
        _context = context;
        _host.AddTo(this);
        SetAction(RunAsync);
    }

    private Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken) =>
        AdminHost.ExchangeAsync(
            _context,
            parsed,
            _host,
            HttpMethod.Get,
            "api/rules",
            body: null,
            (host, answer) => answer.Status == HttpStatusCode.OK ? Print(answer.Read<Status>()!) : host.ReportUnexpected(answer),
            cancellationToken);

    private int Print(Status status)
    {
        if (status.Active is not { } active)
        {
            _context.Out.WriteLine("no rules deployed");
            return ExitCodes.Ok;
        }

        _context.Out.WriteLine($"active: version {active.Version} — {Describe(active)}");
        foreach (var rule in active.Rules)
        {
            _context.Out.WriteLine($"  {rule.Name,-32} {rule.Version}  {rule.Status}");
        }

        foreach (var earlier in status.Previous.Take(PreviousShown))
        {
            var retired = earlier.RolledBackAt is { } at ? $", rolled back {Time(at)} by {earlier.RolledBackBy}" : "";
            _context.Out.WriteLine($"earlier: version {earlier.Version} — {Describe(earlier)}{retired}");
        }

        return ExitCodes.Ok;
    }

    private static string Describe(DeploymentAnswer d) => $"deployment {d.Deployment}, {Time(d.DeployedAt)} by {d.DeployedBy} ({d.Origin})";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record Status(DeploymentAnswer? Active, IReadOnlyList<DeploymentAnswer> Previous);

    private sealed record DeploymentAnswer(
        int Deployment, string Version, DateTimeOffset DeployedAt, string DeployedBy, string Origin,
        DateTimeOffset? RolledBackAt, string? RolledBackBy, IReadOnlyList<Rule> Rules);

    private sealed record Rule(string Name, string Version, string Status);
}
