namespace TriggerFlow.Cli;

/// <summary>What every command's exit code means; CI scripts branch on these, so they never change.</summary>
internal static class ExitCodes
{
    /// <summary>Everything is fine (warnings may have been printed).</summary>
    public const int Ok = 0;

    /// <summary>The rules have errors, or <c>fmt --check</c> found unformatted files.</summary>
    public const int RuleErrors = 1;

    /// <summary>The command line was wrong, or a file or folder could not be found, read or written.</summary>
    public const int UsageOrIoError = 2;

    /// <summary>A bug in triggerflow itself.</summary>
    public const int InternalError = 3;

    /// <summary>The section every help page ends with.</summary>
    public const string Help = """
        Exit codes:
          0  success: no errors (warnings allowed)
          1  the rules have errors, or fmt --check found unformatted files
          2  usage error, or a path, the catalog or an output folder could not be found, read or written
          3  internal error in triggerflow (please report it)
        """;
}
