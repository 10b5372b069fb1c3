using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace TriggerFlow.Input;

/// <summary>Message ids for calls that post none: derived from the call's exact bytes, so a retry of the same call gets the same id.</summary>
internal static class FallbackIds
{
    public static string Of(JsonElement call) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(JsonMarshal.GetRawUtf8Value(call)));
}
