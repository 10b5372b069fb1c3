using System.Text.Json;

namespace TriggerFlow.Engine.Inputs;

/// <summary>
/// The consent changes a profile update carries, read alike by the live host and the backtest, from
/// two places:
/// <list type="bullet">
/// <item>TriggerFlow's own <c>traits.consent</c>: an object of channel to <c>true</c> or <c>false</c>.
/// Anything else there is an error.</item>
/// <item>Segment's consent object, <c>context.consent.categoryPreferences</c>: its keys that name a
/// channel are used; its other categories (Advertising, Analytics) are Segment's own and ignored.</item>
/// </list>
/// Channel names match the catalog's in any case. A channel refused in either place is refused.
/// </summary>
public static class ConsentValues
{
    /// <summary>The trait that carries consent changes.</summary>
    public const string Trait = "consent";

    /// <summary>
    /// The consent in <paramref name="traits"/> and <paramref name="context"/> (either may be absent).
    /// False when <c>traits.consent</c> has a problem: <paramref name="problem"/> is the first, the
    /// member at fault (relative to the traits object, such as <c>consent.fax</c>) and what is wrong;
    /// <paramref name="consent"/> still holds every channel that was read well, so a caller that
    /// must go on (the catalog changed since the input was validated) loses no opt-out.
    /// </summary>
    public static bool TryRead(JsonElement? traits, JsonElement? context, IReadOnlyList<string> channels, out Dictionary<string, bool> consent, out (string Member, string Message) problem)
    {
        ArgumentNullException.ThrowIfNull(channels);
        consent = new Dictionary<string, bool>(StringComparer.Ordinal);
        problem = default;
        if (Preferences(context) is { } preferences)
        {
            foreach (var preference in preferences.EnumerateObject())
            {
                if (Channel(preference.Name, channels) is { } channel && preference.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    Record(consent, channel, preference.Value.GetBoolean());
                }
            }
        }

        if (traits is not { ValueKind: JsonValueKind.Object } bag || !bag.TryGetProperty(Trait, out var own) || own.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (own.ValueKind != JsonValueKind.Object)
        {
            problem = (Trait, $"expected an object of channel to true or false, such as {{\"sms\": false}}; got {Kind(own)}");
            return false;
        }

        var valid = true;
        foreach (var member in own.EnumerateObject())
        {
            var channel = Channel(member.Name, channels);
            var granted = member.Value.ValueKind is JsonValueKind.True or JsonValueKind.False;
            if (channel is not null && granted)
            {
                Record(consent, channel, member.Value.GetBoolean());
            }
            else if (valid)
            {
                valid = false;
                problem = channel is null
                    ? ($"{Trait}.{member.Name}", $"`{Shorten(member.Name)}` is not a channel; the catalog's channels are {string.Join(", ", channels.Select(c => $"`{c}`"))}")
                    : ($"{Trait}.{member.Name}", $"expected true (consents) or false (refuses); got {Kind(member.Value)}");
            }
        }

        return valid;
    }

    private static JsonElement? Preferences(JsonElement? context) =>
        context is { ValueKind: JsonValueKind.Object } bag
        && bag.TryGetProperty("consent", out var segment) && segment.ValueKind == JsonValueKind.Object
        && segment.TryGetProperty("categoryPreferences", out var preferences) && preferences.ValueKind == JsonValueKind.Object
            ? preferences
            : null;

    private static string? Channel(string name, IReadOnlyList<string> channels)
    {
        foreach (var channel in channels)
        {
            if (string.Equals(channel, name, StringComparison.OrdinalIgnoreCase))
            {
                return channel;
            }
        }

        return null;
    }

    private static void Record(Dictionary<string, bool> consent, string channel, bool granted) =>
        consent[channel] = consent.TryGetValue(channel, out var known) ? known && granted : granted;

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
