using System.Collections.Concurrent;
using Polly;
using Polly.Retry;

namespace TriggerFlow.Runtime.Delivery;

/// <summary>
/// The connector for each channel with its own resilience pipeline (retry with exponential backoff
/// and jitter, then a timeout per attempt), so a slow or failing provider never holds up the
/// others. A channel with no connector registered under its name (a keyed
/// <see cref="IChannelConnector"/>) goes to the built-in file channel.
/// </summary>
internal sealed class ChannelConnectors(IServiceProvider services, FileChannel file, DeliveryOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (IChannelConnector Connector, ResiliencePipeline Pipeline)> _channels = new(StringComparer.Ordinal);

    public Task DeliverAsync(OutboundMessage message, CancellationToken ct)
    {
        var (connector, pipeline) = _channels.GetOrAdd(message.Channel, Build);
        return pipeline.ExecuteAsync(static async (state, token) => await state.connector.DeliverAsync(state.message, token), (connector, message), ct).AsTask();
    }

    private (IChannelConnector, ResiliencePipeline) Build(string channel)
    {
        var connector = services.GetKeyedService<IChannelConnector>(channel) ?? file;
        var pipeline = new ResiliencePipelineBuilder { Name = $"channel-{channel}", TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds))
            .Build();
        return (connector, pipeline);
    }
}
