using TriggerFlow.Simulation.Scenarios;

namespace TriggerFlow.Simulation.Tests.Scenarios;

public sealed class ScenarioRunnerTests
{
    private const string Cart = """
        scenario "the reminder comes an hour after the first item"
          rules cart-reminder
          start 2026-07-10 10:00
          mary added to cart with cart = "C-1"
          +30m mary added to cart with cart = "C-1"
          +2h
          expect email cart-reminder to mary at 2026-07-10 11:30
          expect nothing else to mary
        """;

    [Fact]
    public void A_failing_expectation_shows_what_was_decided_and_the_customers_timeline()
    {
        var result = Assert.Single(RealRules.Run(Cart, "rules/cart.scenario").Scenarios);

        Assert.Equal(ScenarioOutcome.Failed, result.Outcome);
        Assert.Equal(
            """
            FAIL  the reminder comes an hour after the first item  (rules/cart.scenario:1)
              line 7
                expected: expect email cart-reminder to mary at 2026-07-10 11:30
                actual:   2026-07-10 11:00  email cart-reminder sent, template "cart-reminder"
              line 8
                expected: expect nothing else to mary
                actual:   2026-07-10 11:00  mary: email cart-reminder sent, template "cart-reminder"
              mary's timeline (times in UTC):
                2026-07-10 10:00  mary added to cart with cart = "C-1"  (line 4)
                2026-07-10 10:00  window cart-reminder opened, due 2026-07-10 11:00
                2026-07-10 10:30  mary added to cart with cart = "C-1"  (line 5)
                2026-07-10 11:00  window cart-reminder fired
                2026-07-10 11:00  email cart-reminder sent, template "cart-reminder"

            """.ReplaceLineEndings("\n"),
            ScenarioReport.Text(result, colour: false));
    }

    [Fact]
    public void The_same_scenario_passes_with_the_right_time()
    {
        var result = Assert.Single(RealRules.Run(Cart.Replace("11:30", "11:00", StringComparison.Ordinal)).Scenarios);

        Assert.True(result.Passed);
        Assert.Equal("PASS  the reminder comes an hour after the first item  (rules/test.scenario:1)\n", ScenarioReport.Text(result, colour: false));
    }

    [Fact]
    public void An_expectation_sees_only_what_was_decided_by_its_line()
    {
        var early = Cart.Replace("  +2h\n", "  +10m\n", StringComparison.Ordinal).ReplaceLineEndings("\n");

        var failure = Assert.Single(Assert.Single(RealRules.Run(early).Scenarios).Failures);

        Assert.Equal(["nothing from cart-reminder to mary by 2026-07-10 10:40"], failure.Actual);
    }

    [Fact]
    public void Each_send_expectation_claims_its_own_send()
    {
        var twice = Cart.Replace("11:30", "11:00", StringComparison.Ordinal) + "\n  expect email cart-reminder to mary\n";

        Assert.False(Assert.Single(RealRules.Run(twice).Scenarios).Passed);
    }

    [Fact]
    public void Draft_rules_run_in_scenarios()
    {
        var result = RealRules.Run("""
            scenario "the draft lapsed-visitor email"
              rules lapsed-visitor-email
              start 2026-05-01 10:00
              mary store visit
              +61d
              expect email lapsed-visitor-email to mary at 2026-06-30 10:00
            """);

        Assert.True(Assert.Single(result.Scenarios).Passed);
    }

    [Fact]
    public void Runs_are_deterministic()
    {
        var first = ScenarioReport.Text(RealRules.Run(Cart).Scenarios[0], colour: false);

        Assert.Equal(first, ScenarioReport.Text(RealRules.Run(Cart).Scenarios[0], colour: false));
    }

    [Fact]
    public void The_summary_counts_passes_and_failures()
    {
        var results = RealRules.Run(Cart + "\n" + Cart.Replace("11:30", "11:00", StringComparison.Ordinal).Replace("the reminder", "a reminder", StringComparison.Ordinal)).Scenarios;

        Assert.Equal("1 passed, 1 failed", ScenarioReport.Summary(results));
    }
}
