using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Scenarios;

namespace TriggerFlow.Language.Tests.Scenarios;

public sealed class ScenarioParserTests
{
    private const string Mary = """
        # Mary browses and does not buy
        scenario "mary gets the email"
          rules bts-browse, cart-reminder
          zone Europe/Paris
          start 2026-07-10 09:00
          mary identify has_children = true, last_school_purchase = 2025-08-20, first_purchase_at = 2026-01-02 10:30
          mary browsed category with category = "kids-clothing"
          +6h mary browsed category category = "school-supplies"   # `with` is optional
          at 2026-07-11 08:00 mary opts out of sms
          mary opts in to email
          +25h
          expect email bts-browse to mary at 2026-07-11 15:00 variant "ten-off"
          expect suppressed bts-browse for mary by channel cap at 2026-07-11 15:00
          expect window cart-reminder for mary cancelled
          expect nothing else to mary
          expect nothing else
          expect nothing
        """;

    [Fact]
    public void A_scenario_reads_as_settings_then_steps_in_order()
    {
        var result = ScenarioParser.Parse("rules/mary.scenario", Mary);

        Assert.Empty(result.Diagnostics);
        var scenario = Assert.Single(result.File.Scenarios);
        Assert.Equal("mary gets the email", scenario.Name.Value);
        Assert.Equal(["bts-browse", "cart-reminder"], scenario.Rules!.Select(r => r.Text));
        Assert.Equal("Europe/Paris", scenario.Zone!.Text);
        Assert.Equal("2026-07-10 09:00", scenario.Start!.ToString());
        Assert.Equal(
            ["IdentifyStep", "EventStep", "EventStep", "ConsentStep", "ConsentStep", "ClockStep", "ExpectSend", "ExpectSuppressed", "ExpectWindow", "ExpectNothing", "ExpectNothing", "ExpectNothing"],
            scenario.Steps.Select(s => s.GetType().Name));
    }

    [Fact]
    public void Steps_carry_their_names_values_and_times()
    {
        var steps = ScenarioParser.Parse("rules/mary.scenario", Mary).File.Scenarios[0].Steps;

        var identify = (IdentifyStep)steps[0];
        Assert.IsType<DateTimeValue>(identify.Traits[2].Value);
        var browse = (EventStep)steps[2];
        Assert.Equal("browsed category", browse.Event.Text);
        Assert.Equal("category", Assert.Single(browse.Properties).Name.Text);
        Assert.Equal(6 * 3600, Assert.IsType<RelativeTime>(browse.Time).After.TotalSeconds);
        var optOut = (ConsentStep)steps[3];
        Assert.False(optOut.Granted);
        Assert.IsType<AbsoluteTime>(optOut.Time);
        var send = (ExpectSend)steps[6];
        Assert.Equal(("email", "bts-browse", "mary", "ten-off"), (send.Channel.Text, send.Rule.Text, send.Customer.Text, send.Variant!.Value));
        Assert.Equal(SuppressionCause.ChannelCap, ((ExpectSuppressed)steps[7]).Cause);
        Assert.Equal(WindowOutcome.Cancelled, ((ExpectWindow)steps[8]).Outcome);
        Assert.Equal((true, "mary"), (((ExpectNothing)steps[9]).Else, ((ExpectNothing)steps[9]).Customer!.Text));
        Assert.Null(((ExpectNothing)steps[10]).Customer);
    }

    [Fact]
    public void Several_scenarios_share_a_file_and_positions_are_the_files()
    {
        var result = ScenarioParser.Parse("rules/two.scenario", "scenario \"a\"\n  start 2026-07-10 09:00\n  expect nothing\n\nscenario \"b\"\n  start 2026-07-10 09:00\n  ann purchase\n  expect nothing to ann\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal([1, 5], result.File.Scenarios.Select(s => s.Span.Line));
        var step = (EventStep)result.File.Scenarios[1].Steps[0];
        Assert.Equal((7, 7), (step.Event.Span.Line, step.Event.Span.Column));
    }

    public static TheoryData<string, string, string, string, string> Malformed() => new()
    {
        { "scenario \"a\"\n  start 2026-07-10 09:00\n  +25 mary purchase\n  expect nothing\n", "TF0800", "3:4", "unexpected `25`; expected a duration such as 30m, 24h or 7d", "see docs/scenarios.md for the form of each line" },
        { "scenario \"a\"\n  start 2026-07-10 09:00\n  mary purchase\n  expect email x to mary at 2026-07-11\n", "TF0800", "4:39", "unexpected end of line; expected a time of day such as 08:00", "see docs/scenarios.md for the form of each line" },
        { "scenario \"a\"\n  start 2026-07-10 09:00\n  -1h\n  expect nothing\n", "TF0800", "3:3", "`-1h` does not start a step", "a line is `scenario \"name\"`, `rules`, `start`, `zone`, a time such as `+25h`, a customer's step such as `mary purchase`, or `expect …`" },
        { "scenario \"a\"\n  start 2026-07-10 09:00\n  mary purchase\n  expect suppressed x for mary by capp\n", "TF0800", "4:35", "unexpected `capp`; expected a reason: cap, channel cap, quiet hours, collision, consent, control, audience, active period or tenure", "see docs/scenarios.md for the form of each line" },
        { "scenario \"a\"\n  start 2026-13-10 09:00\n  expect nothing\n", "TF0800", "2:20", "`2026-13-10` is not a valid date; write year-month-day, such as 2026-07-01", "correct the value" },
        { "mary purchase\nscenario \"a\"\n  start 2026-07-10 09:00\n  expect nothing\n", "TF0801", "1:1", "this line is not inside a scenario", "start the file with `scenario \"what happens\"` and put the steps under it" },
        { "scenario \"a\"\n  mary purchase\n  expect nothing\n", "TF0802", "1:1", "scenario \"a\" has no `start` line", "say when the story starts: `start 2026-07-10 09:00`" },
        { "scenario \"a\"\n  start 2026-07-10 09:00\n  start 2026-07-11 09:00\n  expect nothing\n", "TF0803", "3:3", "this scenario already has a `start` line", "keep one of the two lines" },
        { "scenario \"a\"\n  start 2026-07-10 09:00\n  expect nothing\nscenario \"a\"\n  start 2026-07-10 09:00\n  expect nothing\n", "TF0814", "4:1", "another scenario in this file is already named \"a\"", "give each scenario its own name" },
        { "scenario \"a\"\n  start 2026-07-10 09:00\n  mary purchase\n", "TF0815", "1:1", "scenario \"a\" has no `expect` line, so it always passes", "add what should happen: `expect email RULE to CUSTOMER` or `expect nothing to CUSTOMER`" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Each_mistake_has_its_code_place_message_and_hint(string text, string code, string at, string message, string hint)
    {
        // A line that does not parse also leaves its scenario without that line (often its only `expect`).
        var diagnostic = Assert.Single(ScenarioParser.Parse("rules/bad.scenario", text).Diagnostics, d => d.Code == code);

        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(at, $"{diagnostic.Span.Line}:{diagnostic.Span.Column}");
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(hint, diagnostic.Hint);
    }

    [Fact]
    public void Every_broken_line_is_reported_in_one_run()
    {
        var result = ScenarioParser.Parse("rules/bad.scenario", "scenario \"a\"\n  start 2026-07-10\n  -1h\n  expect nothing to\n");

        Assert.Equal(["TF0800", "TF0800", "TF0800", "TF0802", "TF0815"], result.Diagnostics.Select(d => d.Code));
        Assert.False(ScenarioParser.TryParse("rules/bad.scenario", "scenario \"a\"\n  -1h\n", out _, out var diagnostics));
        Assert.Contains(diagnostics, d => d.Descriptor == Descriptors.ScenarioSyntaxError);
    }

    [Theory]
    [InlineData("")]
    [InlineData("scenario")]
    [InlineData("scenario \"unclosed\n  start 2026-07-10 09:00")]
    [InlineData("scenario \"a\"\n  mary purchase with total = \n  mary purchase with = 3\n  expect")]
    [InlineData("scenario \"a\"\r\n  start 2026-07-10 09:00\r\n  mary purchase\r\n  expect nothing\r\n")]
    public void Any_text_parses_without_throwing(string text)
    {
        var result = ScenarioParser.Parse("rules/any.scenario", text);

        Assert.NotNull(result.File);
    }
}
