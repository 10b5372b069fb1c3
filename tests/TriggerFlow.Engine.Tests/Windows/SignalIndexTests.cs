using TriggerFlow.Engine.Conditions;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Engine.Tests.Support;
using TriggerFlow.Engine.Windows;
using TriggerFlow.Language.Compilation;

namespace TriggerFlow.Engine.Tests.Windows;

/// <summary>
/// The engine checks an event only against the rules its indexed value names and those whose
/// filter has no equality test on that property. These tests hold that to checking every rule.
/// </summary>
public sealed class SignalIndexTests
{
    private static readonly string[] Categories = ["tools", "music", "coffee", "toys", ""];

    /// <summary>Filters of every shape on one event: equality, in, and, or, not, numbers, other properties, none.</summary>
    private const string RuleText = """
        rule "eq-tools"
          when added to cart where category = "tools"
          send email template "cart-reminder"
        rule "eq-music"
          priority 70
          when added to cart where category = "music"
          send email template "cart-reminder"
        rule "in-two"
          priority 60
          when added to cart where category in ["coffee", "tools"]
          send email template "cart-reminder"
        rule "and-price"
          when added to cart where category = "toys" and price >= 10
          send email template "cart-reminder"
        rule "or-either"
          priority 90
          when added to cart where category = "music" or cart = "k1"
          send email template "cart-reminder"
        rule "not-tools"
          when added to cart where not (category = "tools")
          send email template "cart-reminder"
        rule "not-in"
          when added to cart where category not in ["music"]
          send email template "cart-reminder"
        rule "other-property"
          priority 5
          when added to cart where cart = "k2"
          send email template "cart-reminder"
        rule "no-filter"
          priority 1
          when added to cart
          send email template "cart-reminder"
        rule "not-equal"
          when added to cart where category != "coffee"
          send email template "cart-reminder"
        """;

    [Fact]
    public void The_rules_checked_match_exactly_as_checking_every_rule_would_in_the_same_order()
    {
        var book = new RuleBook(Rules.Compile(RuleText));
        var index = book.SignalIndexOf("added to cart")!;
        var random = new Random(7);
        Assert.Equal("category", index.Property);

        for (var i = 0; i < 2_000; i++)
        {
            var properties = RandomProperties(random);
            var profile = new Dictionary<string, object?> { ["country"] = random.Next(2) == 0 ? "NL" : "DE" };
            var scope = new ConditionScope(properties, properties, profile);

            var everyRule = index.Rules.Where(r => Matches(r, scope)).Select(r => r.Name);
            var checkedRules = Checked(index, properties).Where(r => Matches(r, scope)).Select(r => r.Name);

            Assert.Equal(everyRule, checkedRules);
        }
    }

    [Fact]
    public void Rules_whose_filter_cannot_be_indexed_are_always_checked()
    {
        var index = new RuleBook(Rules.Compile(RuleText)).SignalIndexOf("added to cart")!;
        var always = index.Always.Select(i => index.Rules[i].Name).Order(StringComparer.Ordinal);

        Assert.Equal(["no-filter", "not-equal", "not-in", "not-tools", "or-either", "other-property"], always);
        Assert.Equal(["in-two", "eq-tools"], index.Named(Props("tools")).Select(i => index.Rules[i].Name));
        Assert.Empty(index.Named(Props("garden")));
        Assert.Empty(index.Named(PropertyMap.Empty));
    }

    [Fact]
    public void An_event_no_rule_filters_by_equality_checks_every_rule()
    {
        var index = new RuleBook(Rules.Compile("""
            rule "a"
              when added to cart where price > 5
              send email template "cart-reminder"
            rule "b"
              when added to cart
              send email template "cart-reminder"
            """)).SignalIndexOf("added to cart")!;

        Assert.Null(index.Property);
        Assert.Equal([0, 1], index.Always);
        Assert.Empty(index.Named(Props("tools")));
    }

    private static IEnumerable<RulePlan> Checked(SignalIndex index, IReadOnlyDictionary<string, object?> properties)
    {
        // The engine's merge of the two position lists, as OpenWindows walks them.
        var named = index.Named(properties);
        var always = index.Always;
        for (int n = 0, a = 0; n < named.Length || a < always.Length;)
        {
            yield return index.Rules[n < named.Length && (a >= always.Length || named[n] < always[a]) ? named[n++] : always[a++]];
        }
    }

    private static bool Matches(RulePlan rule, in ConditionScope scope) =>
        rule.Signal.Event.Filter is not { } filter || ConditionEvaluator.Evaluate(filter, scope);

    private static PropertyMap RandomProperties(Random random)
    {
        var properties = new List<KeyValuePair<string, object?>>();
        switch (random.Next(6))
        {
            case 0:
                break;
            case 1:
                properties.Add(KeyValuePair.Create<string, object?>("category", 42m));
                break;
            case 2:
                properties.Add(KeyValuePair.Create<string, object?>("category", null));
                break;
            default:
                properties.Add(KeyValuePair.Create<string, object?>("category", Categories[random.Next(Categories.Length)]));
                break;
        }

        if (random.Next(2) == 0)
        {
            properties.Add(KeyValuePair.Create<string, object?>("cart", $"k{random.Next(3)}"));
        }

        if (random.Next(2) == 0)
        {
            properties.Add(KeyValuePair.Create<string, object?>("price", (decimal)random.Next(0, 20)));
        }

        return PropertyMap.From(properties);
    }

    private static PropertyMap Props(string category) => PropertyMap.From([KeyValuePair.Create<string, object?>("category", category)]);
}
