using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace TriggerFlow.Testing;

/// <summary>
/// How the property tests draw their random cases. By default each property starts from its own
/// fixed seed, so every run, on every machine and in CI, checks the same cases and a failure
/// reproduces. To explore further, set <c>TRIGGERFLOW_PROPERTY_SEED</c> to a number (mixed into
/// each property's seed) or to <c>random</c>, and <c>TRIGGERFLOW_PROPERTY_SCALE</c> to multiply
/// the number of cases a property checks; FsCheck's failure message gives the seed that replays a failing case.
/// </summary>
internal static class PropertyRuns
{
    public const string SeedVariable = "TRIGGERFLOW_PROPERTY_SEED";
    public const string ScaleVariable = "TRIGGERFLOW_PROPERTY_SCALE";

    /// <summary>A quick, throwing FsCheck configuration for <paramref name="cases"/> cases from <paramref name="seed"/>.</summary>
    public static Config Config(ulong seed, int cases)
    {
        var config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(Scaled(cases)).WithQuietOnSuccess(true);
        if (Seed(seed) is not { } fixedSeed)
        {
            return config;
        }

        // The one-argument constructor derives a well-mixed gamma from the seed; gamma 1 gives poor, repetitive cases.
        var random = new Rnd(fixedSeed);
        return config.WithReplay(random.Seed, random.Gamma);
    }

    /// <summary>
    /// <paramref name="count"/> samples of <paramref name="gen"/> at <paramref name="size"/>, drawn from
    /// <paramref name="seed"/>. Not scaled: a sample is one case (one rule file, one events file) whose
    /// size has limits of its own; to explore, vary the seed.
    /// </summary>
    public static T[] Sample<T>(Gen<T> gen, ulong seed, int size, int count) =>
        gen.Sample(count, new Rnd(Seed(seed) ?? (ulong)System.Random.Shared.NextInt64()), size);

    private static ulong? Seed(ulong seed)
    {
        var chosen = Environment.GetEnvironmentVariable(SeedVariable);
        if (string.IsNullOrWhiteSpace(chosen))
        {
            return seed;
        }

        if (string.Equals(chosen.Trim(), "random", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return ulong.TryParse(chosen, NumberStyles.None, CultureInfo.InvariantCulture, out var mixed)
            ? seed ^ (mixed * 0x9E3779B97F4A7C15UL)
            : throw new InvalidOperationException($"{SeedVariable}={chosen}: expected a whole number or \"random\"");
    }

    private static int Scaled(int cases)
    {
        var scale = Environment.GetEnvironmentVariable(ScaleVariable);
        if (string.IsNullOrWhiteSpace(scale))
        {
            return cases;
        }

        return int.TryParse(scale, NumberStyles.None, CultureInfo.InvariantCulture, out var factor) && factor is > 0 and <= 10_000
            ? checked(cases * factor)
            : throw new InvalidOperationException($"{ScaleVariable}={scale}: expected a whole number from 1 to 10000");
    }
}
