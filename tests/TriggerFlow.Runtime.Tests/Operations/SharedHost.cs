namespace TriggerFlow.Runtime.Tests.Operations;

/// <summary>One host for a test class whose tests change nothing (refused requests, reads).</summary>
public sealed class SharedHost : IAsyncLifetime
{
    private readonly RulesSandbox _rules = new();
    private RunningHost? _host;

    internal RunningHost Host => _host ?? throw new InvalidOperationException("the host has not started");

    internal RulesSandbox Rules => _rules;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync(_rules.RulesFolder);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _rules.Dispose();
    }
}
