using System.Text.Json;
using TriggerFlow.Language.Compilation;
using static TriggerFlow.Language.Tests.Compilation.CompilerHarness;

namespace TriggerFlow.Language.Tests.Compilation;

/// <summary>
/// Rule text never becomes code: strings that would be code if spliced into an expression stay
/// plain values, compared for equality like any other.
/// </summary>
public sealed class AudienceInjectionTests
{
    public static TheoryData<string> Payloads =>
    [
        "\" || true || \"",
        "x => true",
        "\") || (1 == 1) || (\"",
        "Environment.Exit(1)",
        "\" + Environment.Exit(1) + \"",
        "System.Diagnostics.Process.Start(\"sh\")",
        "lit.l0 == lit.l0",
        "new System.Object()",
        "\\\" || true || \\\"",
        "@0 == @0",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_payload_in_a_comparison_is_a_literal(string payload)
    {
        var plan = Audience($"profile.country = {Quote(payload)}");

        AssertNoRuleTextIn(plan, payload);
        Assert.False(await EvaluateAsync(plan, """{"country": "US"}"""));
        Assert.False(await EvaluateAsync(plan, "{}"));
        Assert.True(await EvaluateAsync(plan, Profile("country", payload)));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_payload_in_a_list_or_a_contains_is_a_literal(string payload)
    {
        var plan = Audience($"profile.loyalty_tier in [\"gold\", {Quote(payload)}] or profile.interests contains {Quote(payload)}");

        AssertNoRuleTextIn(plan, payload);
        Assert.False(await EvaluateAsync(plan, """{"loyalty_tier": "bronze", "interests": ["yoga"]}"""));
        Assert.True(await EvaluateAsync(plan, Profile("loyalty_tier", payload)));
        Assert.True(await EvaluateAsync(plan, JsonSerializer.Serialize(new Dictionary<string, string[]> { ["interests"] = [payload] })));
    }

    [Fact]
    public async Task A_payload_naming_a_file_deletion_deletes_nothing()
    {
        var victim = Path.GetTempFileName();
        try
        {
            var payload = $"System.IO.File.Delete(\"{victim}\")";
            var plan = Audience($"profile.country = {Quote(payload)} or profile.country != {Quote(payload)}");

            AssertNoRuleTextIn(plan, payload);
            Assert.True(await EvaluateAsync(plan, """{"country": "US"}"""));
            Assert.True(await EvaluateAsync(plan, Profile("country", payload)));
            Assert.True(File.Exists(victim));
        }
        finally
        {
            File.Delete(victim);
        }
    }

    private static string Profile(string trait, string value) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { [trait] = value });

    private static void AssertNoRuleTextIn(RulePlan plan, string payload)
    {
        var expression = plan.Audience!.Workflow.Expression;
        Assert.DoesNotContain(payload, expression, StringComparison.Ordinal);

        // Only inputs, catalog names, hoisted literal names, operators and parentheses: no quote, no digit outside `lit.lN`.
        Assert.Matches(@"^(?:[ ()!&|=<>]|null|profile\.[a-z_]+|lit\.l[0-9]+|\.Contains\(lit\.l[0-9]+\))*$", expression);
    }
}
