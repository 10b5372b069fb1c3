namespace TriggerFlow.Cli;

/// <summary>
/// Where a command reads and writes: the output streams and the folder that relative paths start from.
/// Passed in rather than read from <see cref="Console"/> so tests can run commands in parallel, in process.
/// </summary>
/// <param name="UseColour">Whether <paramref name="Out"/> is a terminal that should get ANSI colours.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, string WorkingDirectory, bool UseColour)
{
    /// <summary>
    /// A path the user typed, made usable by the language library, which reads relative paths from the
    /// process's current folder and shows them relative to it.
    /// </summary>
    public string Resolve(string path) =>
        Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(path, WorkingDirectory));
}
