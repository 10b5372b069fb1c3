using BenchmarkDotNet.Attributes;
using TriggerFlow.Language.Parsing;

namespace TriggerFlow.Benchmarks;

/// <summary>
/// A file of 70,000 broken lines (910,000 characters), as in the robustness test
/// <c>Many_errors_in_one_file_are_all_reported_in_bounded_time</c>: a marketer's file full of
/// mistakes must be reported in well under a second, whatever error recovery costs per line.
/// </summary>
[MemoryDiagnoser]
public class ManyErrorsBenchmarks
{
    private string _misspelt = "";
    private string _badArguments = "";

    [GlobalSetup]
    public void Setup()
    {
        _misspelt = string.Concat(Enumerable.Repeat("sned emial \"\n", 70_000));

        // Lines that start a clause and go wrong after its keyword, the other way recovery is entered.
        _badArguments = string.Concat(Enumerable.Repeat("send emial tempalte \"x\"\n", 40_000));
    }

    [Benchmark(Description = "parse 70,000 misspelt clauses (910,000 chars)")]
    public int ParseMisspelt() => RuleParser.Parse("rules/hostile.trigger", _misspelt).Diagnostics.Count;

    [Benchmark(Description = "parse 40,000 clauses with bad arguments (960,000 chars)")]
    public int ParseBadArguments() => RuleParser.Parse("rules/hostile.trigger", _badArguments).Diagnostics.Count;
}
