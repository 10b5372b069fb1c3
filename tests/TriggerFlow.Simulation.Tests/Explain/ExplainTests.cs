using TriggerFlow.Engine.Tests.Support;
using TriggerFlow.Simulation.Explain;
using TriggerFlow.Testing;

namespace TriggerFlow.Simulation.Tests.Explain;

public sealed class ExplainTests : IDisposable
{
    private const string BrowseRule = """
        rule "bts-browse"
          status always-on
          when browsed category where category in ["kids-clothing", "school-supplies"]
          without purchase within 24h
          and segment back-to-school
          send email template "bts-browse" with 10% offer
        """;

    /// <summary>Mary browses anonymously, signs in (merged), browses again and leaves; Paul's lines must not show.</summary>
    private static readonly string[] Story =
    [
        """{"type":"identify","userId":"mary","traits":{"has_children":true,"last_school_purchase":"2025-08-20"},"timestamp":"2026-07-01T09:00:00Z"}""",
        """{"type":"page","anonymousId":"anon-1","properties":{"category":"kids-clothing"},"timestamp":"2026-07-14T10:00:00Z","messageId":"m1"}""",
        """{"type":"track","userId":"paul","event":"browsed category","properties":{"category":"kids-clothing"},"timestamp":"2026-07-14T10:05:00Z"}""",
        """{"type":"identify","userId":"mary","anonymousId":"anon-1","timestamp":"2026-07-14T10:10:00Z"}""",
        """{"type":"page","userId":"mary","properties":{"category":"shoes"},"timestamp":"2026-07-14T10:15:00Z","messageId":"m2"}""",
        """{"type":"page","userId":"mary","properties":{"category":"kids-clothing"},"timestamp":"2026-07-14T10:20:00Z","messageId":"m3"}""",
    ];

    private readonly EventFiles _files = new();

    [Fact]
    public void Marys_timeline_says_why_she_got_the_email()
    {
        var timeline = Explain("mary", null);

        Assert.Equal(
            """
            Customer mary (linked ids: anon-1), rules: all, events: story.jsonl

            2026-07-01 09:00:00Z  profile     has_children = true, last_school_purchase = 2025-08-20  (line 1)
            2026-07-14 10:00:00Z  event       browsed category category = "kids-clothing" [as anon-1]  (line 2)
            2026-07-14 10:00:00Z    opened    bts-browse: window opened; decides at 2026-07-15 10:00:00Z unless purchase happens first
            2026-07-14 10:10:00Z  identity    anon-1 merged into mary  (line 4)
            2026-07-14 10:10:00Z  profile     identify (nothing the catalog knows)  (line 4)
            2026-07-14 10:15:00Z  event       browsed category category = "shoes"  (line 5)
            2026-07-14 10:20:00Z  event       browsed category category = "kids-clothing"  (line 6)
            2026-07-14 10:20:00Z    restarted bts-browse: window restarted by a newer signal; decides at 2026-07-15 10:20:00Z unless purchase happens first
            2026-07-15 10:20:00Z  due         bts-browse: window due and nothing cancelled it: the rule fires
            2026-07-15 10:20:00Z  sent        bts-browse: sent email "bts-browse" with offer = 10

            Outcome:
              bts-browse: 1 sent

            """,
            timeline.ToText().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void With_a_rule_a_signal_that_opened_nothing_says_so()
    {
        var timeline = Explain("mary", "bts-browse");

        var hint = Assert.Single(timeline.Entries, e => e.Kind == "no window");
        Assert.StartsWith("bts-browse: this browsed category opened or restarted nothing", hint.Text, StringComparison.Ordinal);
        Assert.Equal(Customer.At("2026-07-14T10:15:00Z"), hint.At);
    }

    [Fact]
    public void A_customer_not_in_the_file_is_not_found()
    {
        Assert.False(Explain("nobody", null).Found);
    }

    [Fact]
    public void Explaining_the_anonymous_id_follows_it_into_the_customer()
    {
        var timeline = Explain("anon-1", null);

        Assert.Equal(["mary"], timeline.LinkedIds);
        Assert.Contains(timeline.Entries, e => e.Kind == "sent");
    }

    private Timeline Explain(string customer, string? rule)
    {
        var path = _files.Write("story.jsonl", Story);
        var outcome = Explainer.Run(() => _files.Open(path), Rules.Compile(BrowseRule), new ExplainSettings { CustomerId = customer, Rule = rule });
        return outcome.Timeline!;
    }

    public void Dispose() => _files.Dispose();
}
