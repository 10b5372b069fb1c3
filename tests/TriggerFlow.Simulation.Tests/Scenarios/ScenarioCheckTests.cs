namespace TriggerFlow.Simulation.Tests.Scenarios;

/// <summary>Names and values in a scenario are checked against the real catalog and rules.</summary>
public sealed class ScenarioCheckTests
{
    private const string Head = "scenario \"a\"\n  start 2026-07-10 09:00\n  mary identify has_children = true\n";

    public static TheoryData<string, string, string, string, string> Mistakes() => new()
    {
        { "  +2h\n  at 2026-07-10 10:00\n  expect nothing\n", "TF0804", "5:3", "this line is at 2026-07-10 10:00, before the previous line's 2026-07-10 11:00", "steps are written in the order they happen; move the line up, or correct its time" },
        { "  expect nothing to mray\n", "TF0805", "4:21", "no step of this scenario happens to `mray`", "did you mean `mary`? expectations name a customer that an event, identify or opts line introduced" },
        { "  mary browsd category\n  expect nothing\n", "TF0806", "4:8", "unknown event `browsd category`", "did you mean `browsed category`? events are listed in catalog.yaml" },
        { "  expcet nothing to mary\n", "TF0800", "4:3", "`expcet` does not start a step", "did you mean `expect`?" },
        { "  mary browsed category with categroy = \"kids\"\n  expect nothing\n", "TF0807", "4:30", "`browsed category` has no property `categroy`", "did you mean `category`? its properties are `category`, `url`" },
        { "  mary identify has_chidren = true\n  expect nothing\n", "TF0808", "4:17", "unknown profile trait `has_chidren`", "did you mean `has_children`? traits are listed under `profile:` in catalog.yaml" },
        { "  expect email bts-brwse to mary\n", "TF0809", "4:16", "no rule `bts-brwse` in the rules folder", "did you mean `bts-browse`? rules are `bts-browse`, `cart-reminder`," },
        { "  expect sms bts-browse to mary\n", "TF0810", "4:10", "rule `bts-browse` never sends by sms", "it sends by `email`" },
        { "  mary opts out of emial\n  expect nothing\n", "TF0810", "4:20", "unknown channel `emial`", "did you mean `email`? channels are `email`, `push`, `sms`" },
        { "  expect email bts-browse to mary variant \"ten-of\"\n", "TF0811", "4:43", "rule `bts-browse` has no variant \"ten-of\"", "did you mean `ten-off`? its variants are `fifteen-off`, `ten-off`" },
        { "  mary added to cart with price = \"20\"\n  expect nothing\n", "TF0812", "4:35", "`price` is a number, not text", "write a number, such as 20 or 0.75" },
        { "  mary identify time_zone = \"Europe/Pariss\"\n  expect nothing\n", "TF0813", "4:29", "`Europe/Pariss` is not an IANA time zone", "did you mean `Europe/Paris`?" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Each_unknown_name_or_wrong_value_is_reported(string steps, string code, string at, string message, string hint)
    {
        var result = RealRules.Run(Head + steps);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(at, $"{diagnostic.Span.Line}:{diagnostic.Span.Column}");
        Assert.Equal(message, diagnostic.Message);

        // The list of rules grows with the corpus, so only the start of that hint is pinned.
        Assert.StartsWith(hint, diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_outside_the_scenarios_rules_line_is_unknown_to_it()
    {
        var result = RealRules.Run("scenario \"a\"\n  rules cart-reminder\n  start 2026-07-10 09:00\n  mary purchase\n  expect email bts-browse to mary\n");

        Assert.Equal("no rule `bts-browse` in this scenario's `rules` line", Assert.Single(result.Diagnostics).Message);
    }

    [Fact]
    public void A_scenario_with_errors_is_not_run()
    {
        var result = RealRules.Run(Head + "  expect nothing to mray\n");

        Assert.Equal(Simulation.Scenarios.ScenarioOutcome.NotRun, Assert.Single(result.Scenarios).Outcome);
    }
}
