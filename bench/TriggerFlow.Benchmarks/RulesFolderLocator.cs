namespace TriggerFlow.Benchmarks;

/// <summary>Finds the repository's rules folder, which seeds the corpus with its catalog and shared files.</summary>
internal static class RulesFolderLocator
{
    /// <summary>
    /// Set by the host process for the benchmark processes BenchmarkDotNet starts: they run in a
    /// build folder of their own, far from the repository.
    /// </summary>
    public const string Variable = "TRIGGERFLOW_BENCH_RULES";

    /// <summary>The folder named by <see cref="Variable"/>, else the first <c>rules</c> folder holding a catalog from the current folder upwards.</summary>
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return given;
        }

        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "rules");
            if (File.Exists(Path.Combine(candidate, "catalog.yaml")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("no rules/catalog.yaml found above the current folder; run from the repository, or pass --from DIR");
    }
}
