using System.Text;
using System.Threading.RateLimiting;
using TriggerFlow.Runtime.Hosting;

namespace TriggerFlow.Runtime.Ingestion.Sources;

/// <summary>A configured webhook source as ingestion uses it: its key's hash, its signing secret and its rate limiter.</summary>
internal sealed class IngestionSource : IDisposable
{
    public IngestionSource(SourceOptions options)
    {
        Name = options.Name;
        KeyHash = WriteKeys.Hash(options.WriteKey);
        SigningSecret = string.IsNullOrEmpty(options.SigningSecret) ? null : Encoding.UTF8.GetBytes(options.SigningSecret);
        SignatureTolerance = TimeSpan.FromSeconds(options.SignatureToleranceSeconds);
        var perSecond = Math.Max(1, options.RequestsPerSecond);

        // Replenished on each request instead of by a timer: tokens accrue continuously with elapsed
        // time, so a burst right after a timer tick cannot pass twice the configured rate.
        Limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = false,
        });
    }

    public string Name { get; }

    public byte[] KeyHash { get; }

    /// <summary>The HMAC key when the source must sign its bodies; null when it need not.</summary>
    public byte[]? SigningSecret { get; }

    public TimeSpan SignatureTolerance { get; }

    public TokenBucketRateLimiter Limiter { get; }

    /// <summary>Takes one request's token; when none is left, how long until one is.</summary>
    public bool TryAdmit(out TimeSpan retryAfter)
    {
        Limiter.TryReplenish();
        using var lease = Limiter.AttemptAcquire();
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return lease.IsAcquired;
    }

    public void Dispose() => Limiter.Dispose();
}
