using System.Text.Json;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Catalog;

namespace TriggerFlow.Input.Typing;

/// <summary>
/// Types an identify call's traits once: the catalog's traits by their declared type, the reserved
/// contact and profile traits (<see cref="ReservedTraits"/>) always, whatever the catalog says, and
/// consent from <c>traits.consent</c> and Segment's <c>context.consent</c>. Other traits are left
/// out and counted. A null value removes a trait.
/// </summary>
internal static class TraitTyping
{
    /// <summary>No consent change: shared, never written to.</summary>
    public static readonly IReadOnlyDictionary<string, bool> NoConsent = new Dictionary<string, bool>();

    public static Dictionary<string, object?> Type(CallFields fields, JsonElement? traits, EventCatalog catalog)
    {
        var typed = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (traits is not { } bag)
        {
            return typed;
        }

        foreach (var trait in bag.EnumerateObject())
        {
            var field = $"traits.{trait.Name}";
            if (catalog.Traits.TryGetValue(trait.Name, out var type))
            {
                if (PropertyValues.TryFromJson(trait.Value, type, out var value, out var error))
                {
                    typed[trait.Name] = value;
                }
                else
                {
                    fields.Error(field, error!);
                }
            }
            else if (ReservedTraits.IsReserved(trait.Name))
            {
                if (ReservedTraits.TryRead(trait.Name, trait.Value, out var value, out var error))
                {
                    typed[trait.Name] = value;
                }
                else
                {
                    fields.Error(field, error!);
                }
            }
            else if (trait.Name != ConsentValues.Trait)
            {
                fields.Ignored.Add(new IgnoredPart(IgnoredPart.Trait, trait.Name));
            }
        }

        return typed;
    }

    /// <summary>Consent per channel from <c>traits.consent</c> and <c>context.consent.categoryPreferences</c> (<see cref="ConsentValues"/>).</summary>
    public static IReadOnlyDictionary<string, bool> Consent(CallFields fields, JsonElement? traits, JsonElement? context, EventCatalog catalog)
    {
        if (traits is null && context is null)
        {
            return NoConsent;
        }

        if (!ConsentValues.TryRead(traits, context, catalog.Channels, out var consent, out var problem))
        {
            fields.Error($"traits.{problem.Member}", problem.Message);
            return NoConsent;
        }

        return consent.Count == 0 ? NoConsent : consent;
    }
}
