using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TriggerFlow.Runtime.Hosting;
using TriggerFlow.Runtime.Ingestion.Sources;

namespace TriggerFlow.Runtime.Ingestion.Requests;

/// <summary>A request that passed the gate: its source and its body.</summary>
internal readonly record struct AdmittedRequest(IngestionSource Source, ReadOnlyMemory<byte> Body);

/// <summary>
/// What every ingestion request passes before its payload is looked at, cheapest check first:
/// write key (401), rate limit (429), content type (415), size while reading (413), signature (401).
/// </summary>
internal sealed class RequestGate(WriteKeys keys, IOptions<TriggerFlowOptions> options, TimeProvider time)
{
    private readonly int maxBytes = options.Value.MaxRequestBytes;

    /// <summary>The admitted request, or the problem to answer with.</summary>
    public async Task<(AdmittedRequest? Request, ProblemHttpResult? Rejection)> AdmitAsync(
        HttpContext context, Func<HttpRequest, bool> acceptsContentType, string expectedContentType)
    {
        var request = context.Request;
        if (keys.Authenticate(request) is not { } source)
        {
            return (null, IngestionProblems.MissingKey(context));
        }

        if (!source.TryAdmit(out var retryAfter))
        {
            return (null, IngestionProblems.RateLimit(context, source.Name, retryAfter));
        }

        if (!acceptsContentType(request))
        {
            return (null, IngestionProblems.Unsupported(request.ContentType, expectedContentType));
        }

        if (await ReadBoundedAsync(context) is not { } body)
        {
            return (null, IngestionProblems.Oversized(maxBytes));
        }

        if (BodySignature.Check(source, request.Headers, body.Span, time.GetUtcNow()) is { } signatureProblem)
        {
            return (null, IngestionProblems.BadSignature(signatureProblem));
        }

        return (new AdmittedRequest(source, body), null);
    }

    /// <summary>Reads at most <see cref="TriggerFlowOptions.MaxRequestBytes"/>; null as soon as the body proves longer.</summary>
    private async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Kestrel's own limit must not fire first with a less helpful answer.
            sizeFeature.MaxRequestBodySize = Math.Max(sizeFeature.MaxRequestBodySize ?? 0, maxBytes + 1L);
        }

        var buffer = new byte[(int)(request.ContentLength ?? Math.Min(maxBytes, 16 * 1024))];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var grown = await GrowAsync(request.Body, buffer, context.RequestAborted);
                if (grown is null)
                {
                    return buffer;
                }

                if (grown.Length == 0)
                {
                    return null;
                }

                buffer = grown;
                length++;
                continue;
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
            if (read == 0)
            {
                return buffer.AsMemory(0, length);
            }

            length += read;
        }
    }

    /// <summary>
    /// Called with a full buffer: null when the body has ended; an empty array when one more byte
    /// would pass the limit; otherwise a larger buffer holding that byte after the old content.
    /// </summary>
    private async Task<byte[]?> GrowAsync(Stream body, byte[] buffer, CancellationToken cancellation)
    {
        var probe = new byte[1];
        if (await body.ReadAsync(probe, cancellation) == 0)
        {
            return null;
        }

        if (buffer.Length >= maxBytes)
        {
            return [];
        }

        var grown = new byte[Math.Min(maxBytes, Math.Max(1024, buffer.Length * 2))];
        buffer.CopyTo(grown, 0);
        grown[buffer.Length] = probe[0];
        return grown;
    }
}
