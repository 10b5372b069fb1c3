using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.Experiments;

/// <summary>Looks up the variant a window was assigned (<see cref="Assignment"/>) in the plan it fires under.</summary>
internal static class Variants
{
    /// <summary>The plan's variant named <paramref name="name"/>; null for no variant, or one the plan does not have.</summary>
    public static VariantPlan? Of(RulePlan plan, string? name)
    {
        for (var i = 0; name is not null && i < plan.Variants.Count; i++)
        {
            if (plan.Variants[i].Name == name)
            {
                return plan.Variants[i];
            }
        }

        return null;
    }
}
