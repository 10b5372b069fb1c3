using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using NodaTime;

namespace TriggerFlow.Input.Typing;

/// <summary>
/// The standard identify traits TriggerFlow always keeps, whatever the catalog lists: the
/// customer's contact points (<c>email</c>, <c>phone</c>) and profile (<c>timezone</c>,
/// <c>locale</c>, <c>firstName</c>, <c>lastName</c>), which delivery needs to reach and address a
/// person. Each is a string, checked for its shape; a null removes it. A catalog that declares one
/// of these names types it as it says instead.
/// </summary>
public static class ReservedTraits
{
    public const string Email = "email";
    public const string Phone = "phone";
    public const string TimeZone = "timezone";
    public const string Locale = "locale";
    public const string FirstName = "firstName";
    public const string LastName = "lastName";

    /// <summary>Longest accepted email address (RFC 5321's path limit).</summary>
    private const int MaxEmail = 254;

    /// <summary>Longest accepted name.</summary>
    private const int MaxName = 200;

    public static IReadOnlyList<string> Names { get; } = [Email, Phone, TimeZone, Locale, FirstName, LastName];

    public static bool IsReserved(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The trait's value as kept, or why it cannot be.</summary>
    public static bool TryRead(string name, JsonElement value, out object? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        error = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { } text || string.IsNullOrWhiteSpace(text))
        {
            error = $"expected a non-empty string ({Shape(name)})";
            return false;
        }

        text = text.Trim();
        error = name switch
        {
            Email when text.Length > MaxEmail || !IsEmail(text) => $"`{CallFields.Shorten(text)}` is not an email address ({Shape(name)})",
            Phone when !IsPhone(text) => $"`{CallFields.Shorten(text)}` is not a phone number ({Shape(name)})",
            TimeZone when DateTimeZoneProviders.Tzdb.GetZoneOrNull(text) is null => $"`{CallFields.Shorten(text)}` is not an IANA time zone ({Shape(name)})",
            Locale when !IsLocale(text) => $"`{CallFields.Shorten(text)}` is not a locale ({Shape(name)})",
            FirstName or LastName when text.Length > MaxName => $"is {text.Length:N0} characters long; at most {MaxName} are kept",
            _ => null,
        };
        result = error is null ? text : null;
        return error is null;
    }

    private static string Shape(string name) => name switch
    {
        Email => "such as ada@example.com",
        Phone => "in E.164 form, such as +14155550100",
        TimeZone => "such as Europe/Paris",
        Locale => "a BCP 47 tag such as en-GB",
        _ => "a name",
    };

    /// <summary>One <c>@</c> with text on both sides, a dot in the domain, no spaces: what can be delivered to, not RFC 5322 in full.</summary>
    private static bool IsEmail(string text)
    {
        var at = text.IndexOf('@');
        return at > 0 && at == text.LastIndexOf('@') && at < text.Length - 1
            && text.AsSpan(at + 1).Contains('.') && !text.AsSpan().ContainsAny(" \t\r\n<>,;\"");
    }

    /// <summary>E.164: a plus and 8 to 15 digits (spaces, dashes and brackets between digits are allowed and kept).</summary>
    private static bool IsPhone(string text)
    {
        if (!text.StartsWith('+'))
        {
            return false;
        }

        var digits = 0;
        foreach (var c in text.AsSpan(1))
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '-' or '(' or ')'))
            {
                return false;
            }
        }

        return digits is >= 8 and <= 15;
    }

    /// <summary>A BCP 47 shape: letters, digits and hyphens (or underscores), starting with a 2–3 letter language.</summary>
    private static bool IsLocale(string text)
    {
        if (text.Length is < 2 or > 35)
        {
            return false;
        }

        var parts = text.Split('-', '_');
        return parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetter)
            && parts.All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }
}
