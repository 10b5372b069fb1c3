using TriggerFlow.Language.Diagnostics;

namespace TriggerFlow.Language.Compilation;

/// <summary>What <see cref="RuleCompiler.Compile"/> produced.</summary>
/// <param name="Plans">The compiled set; null when any error was found, so nothing half-checked is deployed.</param>
/// <param name="Diagnostics">The checker's findings (warnings included), then any the compiler added.</param>
public sealed record CompilationResult(PlanSet? Plans, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Plans is not null;
}
