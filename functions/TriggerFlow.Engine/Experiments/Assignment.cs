using System.Text;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.Experiments;

/// <summary>Which arm of a rule's test a customer is in.</summary>
internal readonly record struct Arm(bool Control, string? Variant);

/// <summary>
/// Sticky, seeded assignment to control group and variants: a stable hash of (rule name,
/// customer, salt), so the same customer lands in the same arm on every version of the rule,
/// in every process, in every replay. FNV-1a is used for its stability across runtimes
/// (string.GetHashCode is randomised per process).
/// </summary>
internal static class Assignment
{
    private const int Buckets = 10_000;

    public static Arm Assign(RulePlan plan, string customerId, string salt)
    {
        var control = plan.ControlPercent ?? 0m;
        if (control > 0 && Bucket(plan.Name, customerId, salt, "control") < control * (Buckets / 100))
        {
            return new Arm(true, null);
        }

        if (plan.Variants.Count == 0)
        {
            return new Arm(false, null);
        }

        var total = 0m;
        for (var i = 0; i < plan.Variants.Count; i++)
        {
            total += plan.Variants[i].Weight;
        }

        var point = Bucket(plan.Name, customerId, salt, "variant") * total / Buckets;
        var cumulative = 0m;
        foreach (var variant in plan.Variants)
        {
            cumulative += variant.Weight;
            if (point < cumulative)
            {
                return new Arm(false, variant.Name);
            }
        }

        return new Arm(false, plan.Variants[^1].Name);
    }

    /// <summary>A number in [0, 10000) fixed by its inputs.</summary>
    internal static int Bucket(string rule, string customerId, string salt, string purpose)
    {
        var hash = 14695981039346656037UL;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var part in (ReadOnlySpan<string>)[rule, customerId, salt, purpose])
        {
            // Encoded on the stack: assignment runs for every window opened.
            var bytes = Encoding.UTF8.GetMaxByteCount(part.Length) <= buffer.Length
                ? buffer[..Encoding.UTF8.GetBytes(part, buffer)]
                : Encoding.UTF8.GetBytes(part);
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * 1099511628211UL;
            }

            hash = (hash ^ 0xFF) * 1099511628211UL;
        }

        return (int)(hash % Buckets);
    }
}
