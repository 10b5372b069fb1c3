using System.Reflection;

namespace TriggerFlow.Language.Tests.Support;

/// <summary>
/// The clone the tests were built from. The project file records its path in the assembly,
/// because the build may put the test binaries anywhere (<c>--artifacts-path /tmp/…</c>).
/// </summary>
internal static class Repository
{
    /// <summary>The folder holding <c>TriggerFlow.sln</c>, <c>rules/</c> and <c>docs/</c>.</summary>
    internal static string Root { get; } =
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value
        ?? throw new InvalidOperationException("the test assembly has no RepositoryRoot metadata (see TriggerFlow.Language.Tests.csproj)");
}
