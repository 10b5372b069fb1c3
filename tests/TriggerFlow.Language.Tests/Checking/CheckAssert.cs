using TriggerFlow.Language.Diagnostics;

namespace TriggerFlow.Language.Tests.Checking;

internal static class CheckAssert
{
    /// <summary>The file under test reports exactly one diagnostic, with <paramref name="code"/>.</summary>
    public static Diagnostic Single(string text, string code)
    {
        var d = Assert.Single(RulesFolder.CheckFile(text));
        Assert.Equal(code, d.Code);
        return d;
    }

    /// <summary>The rule clauses under <c>rule "r"</c>, with a signal and a send unless the clauses give their own.</summary>
    public static string Rule(string clauses) =>
        "rule \"r\"\n" + (clauses.Contains("when ", StringComparison.Ordinal) ? "" : "  when added to cart\n")
        + (clauses.Contains("send ", StringComparison.Ordinal) ? "" : "  send email template \"cart-reminder\"\n") + clauses;
}
