namespace TriggerFlow.Language.Tests.Robustness;

/// <summary>A file cut off anywhere, as an editor mid-save or a broken upload leaves it, is diagnosed.</summary>
public sealed class TruncationTests
{
    /// <summary>About this many cuts per file, whatever its size, to keep the run short.</summary>
    private const int CutsPerFile = 150;

    public static TheoryData<string> FileNames() => [.. RulesFolder.Files().Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(FileNames))]
    public async Task Every_prefix_of_a_real_file_is_diagnosed_not_thrown(string name)
    {
        var text = RulesFolder.Files().Single(f => f.Name == name).Text;
        var step = Math.Max(1, text.Length / CutsPerFile);

        for (var cut = 0; cut <= text.Length; cut += step)
        {
            var prefix = text[..cut];
            if (name.EndsWith(".yaml", StringComparison.Ordinal))
            {
                await Pipeline.LoadCatalog(prefix);
            }
            else
            {
                await Pipeline.ParseAndCheck(prefix, "rules/" + name);
            }
        }
    }
}
