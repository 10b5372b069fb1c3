using Microsoft.Extensions.Options;
using TriggerFlow.Runtime.Hosting;

namespace TriggerFlow.Runtime.Deployment;

/// <summary>
/// Loads the rules when the host starts, after the silo: on a registry with no deployment yet it
/// deploys <c>TriggerFlow:RulesFolder</c>, and stops start-up with the rendered diagnostics when
/// that folder has errors. Then it polls the registry so deployments made through another silo
/// reach this one within <see cref="DeploymentOptions.PollSeconds"/>.
/// </summary>
internal sealed partial class RuleBookRefresher(
    IGrainFactory grains,
    RuleDeployer deployer,
    RuleBookProvider provider,
    IOptions<TriggerFlowOptions> options,
    IOptions<DeploymentOptions> deployment,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<RuleBookRefresher> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _polling = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await DeploymentRegistry.Get(grains).GetActiveNumber() == 0 && options.Value.RulesFolder.Length > 0)
        {
            await DeployRulesFolderAsync(options.Value.RulesFolder, cancellationToken);
        }

        await provider.RefreshAsync(cancellationToken);
        _polling = PollAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _polling.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task DeployRulesFolderAsync(string configured, CancellationToken cancellationToken)
    {
        var folder = RulesFolder.Resolve(environment.ContentRootPath, configured)
            ?? throw new InvalidOperationException(
                $"TriggerFlow:RulesFolder `{configured}` was found neither under {environment.ContentRootPath} nor any folder above it; " +
                "set TriggerFlow__RulesFolder to the rules folder, or to an empty string to start without rules");
        var outcome = await deployer.DeployAsync(RulesFolder.Read(folder), deployedBy: "host start-up", origin: "startup", cancellationToken);
        if (outcome.Receipt is null)
        {
            throw new InvalidOperationException(
                $"the rules in `{folder}` have errors, so the host cannot start; fix them (`triggerflow check`) and start again:\n{outcome.Compilation.DiagnosticsText}");
        }

        LogDeployedFolder(folder, outcome.Receipt.Active.Version);
    }

    private async Task PollAsync(CancellationToken stopping)
    {
        var interval = TimeSpan.FromSeconds(deployment.Value.PollSeconds);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stopping);
                if (await DeploymentRegistry.Get(grains).GetActiveNumber() != provider.DeploymentNumber)
                {
                    await provider.RefreshAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A failed poll keeps the rules already loaded; the next poll tries again.
                LogPollFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No deployment yet: deployed the rules folder {Folder} as version {Version}")]
    private partial void LogDeployedFolder(string folder, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the deployment registry failed; the loaded rules stay in force")]
    private partial void LogPollFailed(Exception exception);
}
