using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TriggerFlow.Runtime.Hosting;

namespace TriggerFlow.Runtime.Ingestion.Sources;

/// <summary>
/// Finds the source whose write key a request presents: as the HTTP Basic user name (Segment),
/// as a bearer token, or in Event Grid's <c>aeg-sas-key</c> header.
/// </summary>
internal sealed class WriteKeys : IDisposable
{
    public const string EventGridKeyHeader = "aeg-sas-key";

    private readonly IReadOnlyList<IngestionSource> sources;

    public WriteKeys(IOptions<TriggerFlowOptions> options)
    {
        sources = options.Value.Sources.Select(s => new IngestionSource(s)).ToArray();
    }

    /// <summary>Hashing both sides first makes the comparison's time independent of the key's length too.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public IngestionSource? Authenticate(HttpRequest request)
    {
        var presented = PresentedKey(request);
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var hash = Hash(presented);
        IngestionSource? match = null;
        foreach (var source in sources)
        {
            // No early exit: every key is compared, so timing does not tell which one is close.
            if (CryptographicOperations.FixedTimeEquals(source.KeyHash, hash))
            {
                match = source;
            }
        }

        return match;
    }

    public void Dispose()
    {
        foreach (var source in sources)
        {
            source.Dispose();
        }
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(EventGridKeyHeader, out var sasKey))
        {
            return sasKey.ToString();
        }

        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header) || header.Parameter is null)
        {
            return null;
        }

        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return header.Parameter;
        }

        return header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) ? BasicUserName(header.Parameter) : null;
    }

    private static string? BasicUserName(string parameter)
    {
        var bytes = new byte[parameter.Length];
        if (!Convert.TryFromBase64String(parameter, bytes, out var written))
        {
            return null;
        }

        var credentials = Encoding.UTF8.GetString(bytes, 0, written);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? credentials : credentials[..colon];
    }
}
