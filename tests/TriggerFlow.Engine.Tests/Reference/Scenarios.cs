using System.Text;
using NodaTime;
using NodaTime.Text;
using TriggerFlow.Engine.Inputs;

namespace TriggerFlow.Engine.Tests.Reference;

/// <summary>One customer's input, in arrival order.</summary>
internal sealed record CustomerInput(string Customer, EngineInput Input)
{
    public override string ToString() => Input switch
    {
        EventInput e => $"{Customer} @{e.ArrivalTime} event {e.MessageId} '{e.Name}' t={e.EventTime} {Show(e.Properties)}",
        ProfileInput p => $"{Customer} @{p.ArrivalTime} profile {p.MessageId ?? "-"} {Show(p.Traits)} consent {string.Join(",", p.Consent.Select(c => $"{c.Key}={c.Value}"))}",
        _ => $"{Customer} @{Input.ArrivalTime} wake-up",
    };

    private static string Show(IReadOnlyDictionary<string, object?> values) =>
        "{" + string.Join(", ", values.Select(v => $"{v.Key}={v.Value ?? "null"}")) + "}";
}

/// <summary>A generated case: rules, governance, and the inputs of a few customers merged in arrival order.</summary>
internal sealed record Scenario(int Seed, IReadOnlyList<RuleSpec> Rules, GovernanceSpec Governance, IReadOnlyList<CustomerInput> Inputs)
{
    public Instant End => Inputs.Max(i => i.Input.ArrivalTime) + Duration.FromDays(4);

    public IEnumerable<string> Customers => Inputs.Select(i => i.Customer).Distinct();

    public string RuleText => string.Join("\n", Rules.Select(r => r.Text));

    /// <summary>The engine's settings: mostly the defaults, sometimes a lateness, collision interval, consent default or default zone far from them.</summary>
    public EngineOptions Options { get; init; } = new();

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"seed {Seed}");
        text.AppendLine(RuleText);
        text.AppendLine("governance: " + Governance.Text.Replace('\n', ';'));
        text.AppendLine($"options: allowed lateness {Options.AllowedLateness}, collision interval {Options.CollisionInterval}, consent by default {Options.ConsentByDefault}, default zone {Options.DefaultTimeZone}");
        foreach (var input in Inputs)
        {
            text.AppendLine(input.ToString());
        }

        return text.ToString();
    }

    /// <summary>Smaller cases for shrinking: one input fewer, or one rule fewer.</summary>
    public IEnumerable<Scenario> Shrink()
    {
        for (var i = Inputs.Count - 1; i >= 0 && Inputs.Count > 1; i--)
        {
            yield return this with { Inputs = [.. Inputs.Take(i), .. Inputs.Skip(i + 1)] };
        }

        for (var r = 0; r < Rules.Count && Rules.Count > 1; r++)
        {
            yield return this with { Rules = [.. Rules.Take(r), .. Rules.Skip(r + 1)] };
        }
    }
}

/// <summary>
/// Builds random small cases from a seed: a handful of rule templates with random durations,
/// anchors, caps, priorities, quiet hours and control groups; and for a few customers random gaps,
/// duplicates, events out of order within and beyond the allowed lateness, profile and consent changes.
/// Times cluster around daylight-saving changes so quiet-hour releases cross them.
/// </summary>
internal static class ScenarioGenerator
{
    private static readonly Instant[] Bases =
    [
        InstantPattern.ExtendedIso.Parse("2026-03-28T12:00:00Z").Value, // Paris and New York springs forward overnight on the 29th (NY already has)
        InstantPattern.ExtendedIso.Parse("2026-10-24T12:00:00Z").Value, // Paris falls back overnight on the 25th
        InstantPattern.ExtendedIso.Parse("2026-07-10T06:00:00Z").Value,
    ];

    private static readonly string[] Zones = ["UTC", "Asia/Kolkata", "Europe/Paris", "America/New_York", "Not/AZone"];

    private static readonly ConditionSpec Kids = new("category = \"kids\"", p => Equals(p.GetValueOrDefault("category"), "kids"));
    private static readonly ConditionSpec Pricey = new("price >= 50", p => p.GetValueOrDefault("price") is decimal d && d >= 50);
    private static readonly ConditionSpec Toothpaste = new("category = \"toothpaste\"", p => Equals(p.GetValueOrDefault("category"), "toothpaste"));
    private static readonly AudienceSpec Parents = new("segment parents", (p, _) => p.GetValueOrDefault("has_children") is true);
    private static readonly AudienceSpec Valuable = new("profile.lifetime_value >= 100", (p, _) => p.GetValueOrDefault("lifetime_value") is decimal d && d >= 100);
    private static readonly AudienceSpec PriceyEvent = new("event.price >= 50", (_, s) => s.GetValueOrDefault("price") is decimal d && d >= 50);

    public static Scenario Generate(int seed)
    {
        var random = new Random(seed);
        var start = Pick(random, Bases);
        var quiet = Pick<HoursSpec?>(random, [null, null, new(new LocalTime(21, 0), new LocalTime(8, 0)), new(new LocalTime(22, 0), new LocalTime(2, 30))]);
        var caps = new List<ChannelCapSpec>();
        if (random.Next(3) == 0)
        {
            caps.Add(new ChannelCapSpec("email", 1, Duration.FromDays(1)));
        }

        if (random.Next(3) == 0)
        {
            caps.Add(new ChannelCapSpec("push", 2, Duration.FromHours(6)));
        }

        var rules = Enumerable.Range(1, 1 + random.Next(4)).Select(i => Rule(random, $"r{i}", start)).ToList();
        var customers = new[] { "ann", "bob", "cyd", "dee", "eli", "fay" }.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToList();
        var inputs = customers.SelectMany(c => Inputs(random, c, start + Duration.FromMinutes(random.Next(60))))
            .OrderBy(i => i.Input.ArrivalTime) // stable: each customer's own order is kept
            .ToList();
        var options = new EngineOptions
        {
            AllowedLateness = Duration.FromMinutes(Pick(random, [5, 5, 5, 0, 60])),
            CollisionInterval = Duration.FromMinutes(Pick(random, [15, 15, 15, 0, 120])),
            ConsentByDefault = random.Next(4) != 0,
            DefaultTimeZone = Pick(random, ["UTC", "UTC", "Europe/Paris", "America/New_York"]),
        };
        return new Scenario(seed, rules, new GovernanceSpec(caps, quiet), inputs) { Options = options };
    }

    private static RuleSpec Rule(Random random, string name, Instant start)
    {
        var template = Pick(random, Enum.GetValues<Template>());
        var spec = new RuleSpec(
            Name: name,
            Template: template,
            Status: random.Next(12) == 0 ? "draft" : "always-on",
            Priority: Pick(random, [10, 50, 50, 90]),
            SignalEvent: "",
            Filter: null,
            Recency: null,
            Step: null,
            Absence: null,
            Wait: null,
            Audience: null,
            Channels: ["email"],
            TemplateName: "",
            Caps: [],
            Quiet: null,
            ControlPercent: null,
            Variants: [],
            ActiveUntil: random.Next(10) == 0 ? start.InUtc().Date : null);
        var window = Pick(random, [10, 30, 60, 180, 720, 1440]);
        spec = template switch
        {
            Template.Browse => spec with
            {
                SignalEvent = "browsed category",
                Filter = random.Next(3) == 0 ? Kids : null,
                Absence = new AbsenceSpec("purchase", Duration.FromMinutes(window), random.Next(3) == 0),
                Wait = random.Next(3) == 0 ? Duration.FromMinutes(Pick(random, [15, 60])) : null,
                Audience = Pick(random, [null, null, Parents, Valuable]),
                TemplateName = "bts-browse",
            },
            Template.Cart => spec with
            {
                SignalEvent = "added to cart",
                Filter = random.Next(4) == 0 ? Pricey : null,
                Absence = new AbsenceSpec("checkout", Duration.FromMinutes(Math.Min(window, 180)), random.Next(3) == 0),
                Audience = Pick(random, [null, null, PriceyEvent, Parents]),
                Channels = Pick<string[]>(random, [["push"], ["email"], ["email", "push"]]),
                TemplateName = "cart-reminder",
            },
            Template.ViewThenCart => spec with
            {
                SignalEvent = "viewed product",
                Step = new StepSpec("added to cart", Duration.FromMinutes(Pick(random, [10, 30, 60]))),
                Absence = random.Next(2) == 0 ? new AbsenceSpec("checkout", Duration.FromMinutes(Pick(random, [10, 60])), false) : null,
                Audience = Pick(random, [null, null, PriceyEvent]),
                Channels = Pick<string[]>(random, [["push"], ["email"]]),
                TemplateName = "cart-reminder",
            },
            Template.Resupply => spec with
            {
                SignalEvent = "purchase",
                Filter = Toothpaste,
                Recency = Duration.FromMinutes(Pick(random, [60, 360, 1440])),
                Channels = Pick<string[]>(random, [["push"], ["email"]]),
                TemplateName = "resupply-reminder",
            },
            Template.Nearby => spec with
            {
                SignalEvent = "entered store area",
                Channels = ["push"],
                TemplateName = "store-nearby",
            },
            _ => spec with
            {
                SignalEvent = "ticket resolved",
                Wait = Duration.FromMinutes(Pick(random, [10, 60, 180])),
                Channels = [Pick(random, ["email", "sms", "push"])],
                TemplateName = "ticket-resolved",
            },
        };

        var caps = new List<CapSpec>();
        if (random.Next(5) < 2)
        {
            caps.Add(new CapSpec(CapKind.Window, 1 + random.Next(2), Duration.FromHours(Pick(random, [1, 6, 24]))));
        }

        if (random.Next(5) == 0)
        {
            caps.Add(new CapSpec(CapKind.Ever, 1 + random.Next(2), Duration.Zero));
        }

        if (template == Template.Cart && random.Next(3) == 0)
        {
            caps.Add(new CapSpec(CapKind.PerCart, 1, Duration.Zero));
        }

        spec = spec with
        {
            Caps = caps,
            Quiet = Pick<QuietSpec?>(random,
            [
                null,
                null,
                new(null, false),
                new(null, true),
                new(new HoursSpec(new LocalTime(13, 0), new LocalTime(15, 0)), random.Next(2) == 0),
                new(new HoursSpec(new LocalTime(23, 30), new LocalTime(2, 30)), false),
            ]),
        };

        if (random.Next(4) == 0)
        {
            var multiChannel = template is Template.Cart or Template.Resupply or Template.Ticket;
            spec = spec with
            {
                Status = "test",
                ControlPercent = Pick(random, [10, 30, 50]),
                Variants = !multiChannel || random.Next(3) == 0 ? [] : random.Next(2) == 0
                    ? [new VariantSpec("a", 50, null, null), new VariantSpec("b", 50, spec.Channels[0] == "push" ? "email" : "push", null)]
                    : [new VariantSpec("a", 40, null, null), new VariantSpec("b", 60, null, Duration.FromMinutes(Pick(random, [20, 120])))],
            };
        }

        return spec;
    }

    private static IEnumerable<CustomerInput> Inputs(Random random, string customer, Instant start)
    {
        var inputs = new List<CustomerInput>();
        var events = new List<EventInput>();
        var profiles = new List<ProfileInput>();
        var at = start;
        if (random.Next(10) < 7)
        {
            inputs.Add(new(customer, new ProfileInput(null, Traits(("time_zone", Pick(random, Zones)), ("has_children", random.Next(2) == 0), ("lifetime_value", (decimal)Pick(random, [20, 150]))), NoConsent, at)));
        }

        var count = 4 + random.Next(16);
        for (var k = 0; k < count; k++)
        {
            at += Duration.FromSeconds(Pick(random, [0, 0, 20, 60, 120, 240, 600, 1800, 3600, 3 * 3600, 8 * 3600, 20 * 3600]));
            var roll = random.Next(100);
            if (roll < 8 && events.Count > 0)
            {
                inputs.Add(new(customer, Pick(random, events) with { ArrivalTime = at }));
            }
            else if (roll < 10 && profiles.Count > 0)
            {
                inputs.Add(new(customer, Pick(random, profiles) with { ArrivalTime = at }));
            }
            else if (roll < 24)
            {
                var profile = Profile(random, $"{customer}-p{k}", at);
                profiles.Add(profile);
                inputs.Add(new(customer, profile));
            }
            else
            {
                var lag = random.Next(10) switch
                {
                    < 7 => 0,
                    < 9 => 1 + random.Next(4 * 60),
                    _ => 6 * 60 + random.Next(40 * 60),
                };
                var e = Event(random, $"{customer}-m{k}", at - Duration.FromSeconds(lag), at);
                events.Add(e);
                inputs.Add(new(customer, e));
            }
        }

        return inputs;
    }

    private static EventInput Event(Random random, string id, Instant eventTime, Instant arrival)
    {
        var cart = Pick(random, ["c1", "c2"]);
        var price = (decimal)Pick(random, [20, 80]);
        var (name, properties) = random.Next(9) switch
        {
            0 => ("browsed category", Traits(("category", Pick(random, ["kids", "adults"])))),
            1 => ("purchase", Traits(("category", Pick(random, ["toothpaste", "toothpaste", "shoes"])))),
            2 => ("added to cart", Traits(("cart", cart), ("price", price))),
            3 => ("checkout", Traits(("cart", cart))),
            4 => ("viewed product", Traits(("price", price))),
            5 => ("entered store area", Traits(("store", "s1"))),
            6 => ("ticket resolved", Traits(("ticket", "t1"))),
            7 => ("message opened", Traits(("rule_name", "r1"))),
            _ => (Pick(random, ["browsed category", "added to cart", "viewed product"]), Traits(("category", "kids"), ("price", price), ("cart", cart))),
        };
        return new EventInput(id, name, properties, eventTime, arrival);
    }

    private static ProfileInput Profile(Random random, string id, Instant at)
    {
        var messageId = random.Next(2) == 0 ? id : null;
        return random.Next(5) switch
        {
            0 or 1 => new ProfileInput(messageId, Traits(), new Dictionary<string, bool> { [Pick(random, ["email", "push", "sms"])] = random.Next(3) != 0 }, at),
            2 => new ProfileInput(messageId, Traits(("has_children", random.Next(3) == 0 ? null : random.Next(2) == 0)), NoConsent, at),
            3 => new ProfileInput(messageId, Traits(("lifetime_value", (decimal)Pick(random, [20, 100, 150]))), NoConsent, at),
            _ => new ProfileInput(messageId, Traits(("time_zone", Pick(random, Zones))), NoConsent, at),
        };
    }

    private static Dictionary<string, bool> NoConsent => [];

    private static Dictionary<string, object?> Traits(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
