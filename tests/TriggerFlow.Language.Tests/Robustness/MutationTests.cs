using System.Text;
using System.Text.RegularExpressions;

namespace TriggerFlow.Language.Tests.Robustness;

/// <summary>Real files with small damage, the way typing and merging damage them, are diagnosed.</summary>
public sealed partial class MutationTests
{
    private const int MutationsPerKind = 25;

    private static readonly string[] Keywords =
    [
        "rule", "segment", "channel", "when", "where", "without", "within", "then", "and", "or", "not", "send", "with",
        "at most", "per", "ever", "quiet hours", "control", "variant", "goal", "minimum sample", "(", ")", "[", "]", "\"",
    ];

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var (name, _) in RulesFolder.Files())
        {
            foreach (var kind in new[] { "flip", "delete", "duplicate", "swap", "insert" })
            {
                cases.Add(name, kind);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Damaged_real_files_are_diagnosed_not_thrown(string name, string kind)
    {
        var text = RulesFolder.Files().Single(f => f.Name == name).Text;
        var random = new Random(StableSeed(name + kind));

        for (var i = 0; i < MutationsPerKind; i++)
        {
            var mutated = Mutate(text, kind, random);
            if (name.EndsWith(".yaml", StringComparison.Ordinal))
            {
                await Pipeline.LoadCatalog(mutated);
            }
            else
            {
                await Pipeline.ParseAndCheck(mutated, "rules/" + name);
            }
        }
    }

    private static string Mutate(string text, string kind, Random random)
    {
        if (kind == "flip")
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            for (var n = random.Next(1, 4); n > 0 && bytes.Length > 0; n--)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            }

            return Encoding.UTF8.GetString(bytes);
        }

        var tokens = Token().Matches(text).ToList();
        if (tokens.Count < 2)
        {
            return text;
        }

        var a = tokens[random.Next(tokens.Count)];
        var b = tokens[random.Next(tokens.Count)];
        return kind switch
        {
            "delete" => text.Remove(a.Index, a.Length),
            "duplicate" => text.Insert(a.Index, a.Value + " "),
            "insert" => text.Insert(a.Index, Keywords[random.Next(Keywords.Length)] + " "),
            _ => Swap(text, a, b),
        };
    }

    // string.GetHashCode is randomised per process; a run must replay exactly.
    private static int StableSeed(string text) => text.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));

    private static string Swap(string text, Match a, Match b)
    {
        if (a.Index == b.Index)
        {
            return text;
        }

        var (first, second) = a.Index < b.Index ? (a, b) : (b, a);
        return string.Concat(
            text.AsSpan(0, first.Index),
            second.Value,
            text.AsSpan(first.Index + first.Length, second.Index - first.Index - first.Length),
            first.Value + text[(second.Index + second.Length)..]);
    }

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""|[\w.-]+|\S", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
