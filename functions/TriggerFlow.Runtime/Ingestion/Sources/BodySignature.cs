using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TriggerFlow.Runtime.Ingestion.Sources;

/// <summary>
/// The optional per-source body signature: <c>X-TriggerFlow-Timestamp</c> (Unix seconds) and
/// <c>X-TriggerFlow-Signature: v1=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>. Several
/// comma-separated <c>v1=</c> values are allowed so a source can sign with an old and a new secret
/// while rotating. The timestamp bounds replays to the tolerance; inside it, replays carry the same
/// message ids and change nothing.
/// </summary>
internal static class BodySignature
{
    public const string TimestampHeader = "X-TriggerFlow-Timestamp";
    public const string SignatureHeader = "X-TriggerFlow-Signature";
    private const string Scheme = "v1=";

    /// <summary>Null when the body is signed correctly and in time; otherwise why not.</summary>
    public static string? Check(IngestionSource source, IHeaderDictionary headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (source.SigningSecret is not { } secret)
        {
            return null;
        }

        var timestampText = headers[TimestampHeader].ToString();
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return $"{TimestampHeader} must be the Unix time in seconds when the request was signed";
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if ((now - signedAt).Duration() > source.SignatureTolerance)
        {
            return $"{TimestampHeader} is more than {source.SignatureTolerance.TotalSeconds:0} s from the server's clock; sign each request when sending it";
        }

        var expected = Compute(secret, timestampText, body);
        var presented = headers[SignatureHeader].ToString().Split(',', StringSplitOptions.TrimEntries);
        return presented.Any(p => Matches(p, expected)) ? null : $"{SignatureHeader} does not match the body";
    }

    /// <summary>The signature bytes for a timestamp and a body.</summary>
    public static byte[] Compute(byte[] secret, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static bool Matches(string presented, byte[] expected)
    {
        if (!presented.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = presented.AsSpan(Scheme.Length);
        Span<byte> bytes = stackalloc byte[SHA256.HashSizeInBytes];
        return hex.Length == 2 * bytes.Length
            && Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == bytes.Length
            && CryptographicOperations.FixedTimeEquals(bytes, expected);
    }
}
