using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace TriggerFlow.Runtime.Contacts;

/// <summary>
/// Reads and validates a posted push subscription: a browser's <c>PushSubscription</c> JSON
/// (<c>{"endpoint", "expirationTime", "keys": {"p256dh", "auth"}}</c>, what <c>subscription.toJSON()</c>
/// gives) or a mobile token (<c>{"platform": "fcm"|"apns", "token"}</c>). Every problem is reported
/// against the field it is in; nothing here throws on input.
/// </summary>
internal sealed class PushSubscriptionReader(bool allowLoopbackHttp)
{
    /// <summary>Longest endpoint URL accepted; push services' endpoints are a few hundred characters.</summary>
    public const int MaxEndpointLength = 2048;

    /// <summary>Shortest and longest FCM registration token accepted (they are about 160 characters today).</summary>
    public const int MinFcmTokenLength = 32;

    public const int MaxFcmTokenLength = 4096;

    /// <summary>Shortest and longest APNs device token, in hex digits (32 bytes today; Apple says the length may grow).</summary>
    public const int MinApnsTokenLength = 64;

    public const int MaxApnsTokenLength = 200;

    private const string Root = "$";
    private const string WebShape = "a browser PushSubscription has `endpoint`, `expirationTime` and `keys`";
    private const string MobileShape = "a mobile token has `platform` and `token`";
    private const string Shapes = "send a browser PushSubscription ({\"endpoint\": \"https://…\", \"keys\": {\"p256dh\": \"…\", \"auth\": \"…\"}}) or a mobile token ({\"platform\": \"fcm\" or \"apns\", \"token\": \"…\"})";

    /// <summary>When true (the Development environment), an <c>http</c> endpoint on a loopback address is accepted, for local test push services.</summary>
    public bool AllowLoopbackHttp { get; } = allowLoopbackHttp;

    /// <summary>The subscription in <paramref name="body"/> (its <see cref="PushSubscription.SubscribedAt"/> left for the grain to set), or null with <paramref name="errors"/> filled.</summary>
    public PushSubscription? ReadSubscription(JsonElement body, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Fields(body, errors) is not { } fields)
        {
            return null;
        }

        if (fields.ContainsKey("endpoint"))
        {
            return ReadWeb(fields, errors, identityOnly: false);
        }

        return ReadMobile(fields, errors);
    }

    /// <summary>Which subscription a DELETE names, from its body (either shape; keys are not needed) or null with <paramref name="errors"/> filled.</summary>
    public (PushPlatform Platform, string Address)? ReadIdentity(JsonElement body, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Fields(body, errors) is not { } fields)
        {
            return null;
        }

        var subscription = fields.ContainsKey("endpoint") ? ReadWeb(fields, errors, identityOnly: true) : ReadMobile(fields, errors);
        return subscription is null ? null : (subscription.Platform, subscription.Address);
    }

    /// <summary>Which subscription a DELETE names, from its query: <c>endpoint</c>, or <c>platform</c> and <c>token</c>.</summary>
    public (PushPlatform Platform, string Address)? ReadIdentity(string? endpoint, string? platform, string? token, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (endpoint is not null && (platform is not null || token is not null))
        {
            Add(errors, Root, "give either `endpoint` or `platform` and `token`, not both");
            return null;
        }

        if (endpoint is not null)
        {
            if (EndpointProblem(endpoint, identityOnly: true) is { } problem)
            {
                Add(errors, "endpoint", problem);
                return null;
            }

            return (PushPlatform.Web, endpoint);
        }

        if (platform is null && token is null)
        {
            Add(errors, Root, "name the subscription: `?endpoint=…`, or `?platform=fcm|apns&token=…`, or the same fields in a JSON body");
            return null;
        }

        var known = platform is null ? Missing(errors, "platform", "give `fcm` or `apns`") : Platform(platform, errors);
        if (token is null)
        {
            Add(errors, "token", "give the device token");
        }

        return known is { } parsed && token is not null && Token(parsed, token, errors) is { } address ? (parsed, address) : null;
    }

    private PushSubscription? ReadWeb(Dictionary<string, JsonElement> fields, Dictionary<string, string[]> errors, bool identityOnly)
    {
        Unknown(fields, errors, WebShape, "endpoint", "expirationTime", "keys");
        var endpoint = Text(fields["endpoint"], "endpoint", errors);
        if (endpoint is not null && EndpointProblem(endpoint, identityOnly) is { } problem)
        {
            Add(errors, "endpoint", problem);
        }

        if (identityOnly)
        {
            return errors.Count == 0 ? new PushSubscription(PushPlatform.Web, endpoint!, null, null, null, default) : null;
        }

        var expiresAt = fields.TryGetValue("expirationTime", out var expiration) ? Expiration(expiration, errors) : null;
        var (p256dh, auth) = fields.TryGetValue("keys", out var keys) ? Keys(keys, errors) : (Fail(errors, "keys", "give the subscription's keys: {\"p256dh\": \"…\", \"auth\": \"…\"}"), null);
        return errors.Count == 0 ? new PushSubscription(PushPlatform.Web, endpoint!, p256dh, auth, expiresAt, default) : null;
    }

    private static PushSubscription? ReadMobile(Dictionary<string, JsonElement> fields, Dictionary<string, string[]> errors)
    {
        if (!fields.ContainsKey("platform") && !fields.ContainsKey("token"))
        {
            Add(errors, Root, Shapes);
            return null;
        }

        Unknown(fields, errors, MobileShape, "platform", "token");
        PushPlatform? platform = null;
        if (!fields.TryGetValue("platform", out var platformField))
        {
            Add(errors, "platform", "give `fcm` or `apns`");
        }
        else if (Text(platformField, "platform", errors) is { } name)
        {
            platform = Platform(name, errors);
        }

        var token = fields.TryGetValue("token", out var tokenField) ? Text(tokenField, "token", errors) : Fail(errors, "token", "give the device token");
        var address = platform is { } known && token is not null ? Token(known, token, errors) : null;
        return errors.Count == 0 && address is not null ? new PushSubscription(platform!.Value, address, null, null, null, default) : null;
    }

    /// <summary>The body's fields by name; null (with an error) when it is not an object or names a field twice.</summary>
    private static Dictionary<string, JsonElement>? Fields(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            Add(errors, Root, "the body must be a JSON object; " + Shapes);
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            // A field given twice would mean one thing to this reader and another to the next.
            if (!fields.TryAdd(property.Name, property.Value))
            {
                Add(errors, property.Name, "appears more than once");
            }
        }

        if (fields.ContainsKey("endpoint") && (fields.ContainsKey("platform") || fields.ContainsKey("token")))
        {
            Add(errors, Root, "give either a browser PushSubscription or a mobile token, not both");
        }

        return errors.Count == 0 ? fields : null;
    }

    private static void Unknown(Dictionary<string, JsonElement> fields, Dictionary<string, string[]> errors, string shape, params string[] known)
    {
        foreach (var name in fields.Keys.Where(n => !known.Contains(n, StringComparer.Ordinal)))
        {
            Add(errors, name, $"unknown field: {shape}");
        }
    }

    private string? EndpointProblem(string endpoint, bool identityOnly)
    {
        if (endpoint.Length is 0 or > MaxEndpointLength)
        {
            return $"give the push service's URL, at most {MaxEndpointLength:N0} characters";
        }

        if (identityOnly)
        {
            // Removing needs only the same text: whatever is stored was checked when it was posted.
            return null;
        }

        if (endpoint.Any(c => c <= ' ' || c >= '\u007f'))
        {
            return "must be a URL of printable ASCII characters without spaces, as push services give them";
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "must be an absolute https URL (the `endpoint` of the browser's PushSubscription)";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)
        {
            return AllowLoopbackHttp ? null : "must use https; http is accepted only on a loopback address in the Development environment";
        }

        return "must be an https URL";
    }

    private static DateTimeOffset? Expiration(JsonElement value, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // Browsers give milliseconds since 1970 (a DOMHighResTimeStamp), possibly with a fraction.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var milliseconds)
            && milliseconds >= 0 && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
        }

        Add(errors, "expirationTime", "must be null or milliseconds since 1970-01-01 (as the browser gives it)");
        return null;
    }

    private static (string? P256dh, string? Auth) Keys(JsonElement keys, Dictionary<string, string[]> errors)
    {
        if (keys.ValueKind != JsonValueKind.Object)
        {
            return (Fail(errors, "keys", "must be an object: {\"p256dh\": \"…\", \"auth\": \"…\"}"), null);
        }

        string? p256dh = null;
        string? auth = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys.EnumerateObject())
        {
            var field = "keys." + key.Name;
            if (key.Name is not ("p256dh" or "auth"))
            {
                Add(errors, field, "unknown field: the keys are `p256dh` and `auth`");
            }
            else if (!seen.Add(key.Name))
            {
                Add(errors, field, "appears more than once");
            }
            else if (Text(key.Value, field, errors) is { } text)
            {
                _ = key.Name == "p256dh" ? p256dh = PublicKey(text, errors) : auth = Secret(text, errors);
            }
        }

        if (!keys.TryGetProperty("p256dh", out _))
        {
            Add(errors, "keys.p256dh", "give the browser's public key (base64url)");
        }

        if (!keys.TryGetProperty("auth", out _))
        {
            Add(errors, "keys.auth", "give the authentication secret (base64url)");
        }

        return (p256dh, auth);
    }

    /// <summary>The browser's ECDH public key: an uncompressed P-256 point on the curve, else encryption to it fails at every send.</summary>
    private static string? PublicKey(string text, Dictionary<string, string[]> errors)
    {
        const string field = "keys.p256dh";
        if (DecodeBase64Url(text, 65, field, errors) is not { } point)
        {
            return null;
        }

        if (point[0] != 0x04)
        {
            return Fail(errors, field, "must be an uncompressed P-256 point (65 bytes starting with 0x04)");
        }

        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
            });
            return Base64Url.EncodeToString(point);
        }
        catch (CryptographicException)
        {
            return Fail(errors, field, "is not a point on the P-256 curve");
        }
    }

    private static string? Secret(string text, Dictionary<string, string[]> errors) =>
        DecodeBase64Url(text, 16, "keys.auth", errors) is { } secret ? Base64Url.EncodeToString(secret) : null;

    /// <summary>Decodes base64url (padding optional) of exactly <paramref name="length"/> bytes.</summary>
    private static byte[]? DecodeBase64Url(string text, int length, string field, Dictionary<string, string[]> errors)
    {
        var unpadded = text.TrimEnd('=');
        var maxChars = (length * 4 + 2) / 3;
        if (unpadded.Length != maxChars || text.Length - unpadded.Length > 2
            || !unpadded.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return Fail<byte[]>(errors, field, $"must be base64url (A–Z, a–z, 0–9, `-`, `_`) of {length} bytes, that is {maxChars} characters");
        }

        var bytes = new byte[length];
        return Base64Url.TryDecodeFromChars(unpadded, bytes, out var written) && written == length
            ? bytes
            : Fail<byte[]>(errors, field, $"must be base64url of {length} bytes");
    }

    private static PushPlatform? Platform(string name, Dictionary<string, string[]> errors) => name.ToLowerInvariant() switch
    {
        "fcm" => PushPlatform.Fcm,
        "apns" => PushPlatform.Apns,
        _ => Missing(errors, "platform", "must be `fcm` or `apns` (a browser subscription is posted with its `endpoint` and `keys` instead)"),
    };

    /// <summary>The token as stored: FCM's as given, APNs' hex in lower case so either case finds it.</summary>
    private static string? Token(PushPlatform platform, string token, Dictionary<string, string[]> errors)
    {
        if (platform == PushPlatform.Apns)
        {
            return token.Length >= MinApnsTokenLength && token.Length <= MaxApnsTokenLength && token.Length % 2 == 0 && token.All(char.IsAsciiHexDigit)
                ? token.ToLowerInvariant()
                : Fail(errors, "token", $"an APNs device token is hex, {MinApnsTokenLength} to {MaxApnsTokenLength} digits");
        }

        return token.Length >= MinFcmTokenLength && token.Length <= MaxFcmTokenLength && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.')
            ? token
            : Fail(errors, "token", $"an FCM registration token is {MinFcmTokenLength} to {MaxFcmTokenLength:N0} characters of A–Z, a–z, 0–9, `-`, `_`, `:`, `.`");
    }

    private static string? Text(JsonElement value, string field, Dictionary<string, string[]> errors) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() : Fail(errors, field, "must be a string");

    private static string? Fail(Dictionary<string, string[]> errors, string field, string problem) => Fail<string>(errors, field, problem);

    private static T? Fail<T>(Dictionary<string, string[]> errors, string field, string problem)
        where T : class
    {
        Add(errors, field, problem);
        return null;
    }

    private static PushPlatform? Missing(Dictionary<string, string[]> errors, string field, string problem)
    {
        Add(errors, field, problem);
        return null;
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string problem) =>
        errors[field] = errors.TryGetValue(field, out var earlier) ? [.. earlier, problem] : [problem];
}
