using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using TriggerFlow.Engine.Inputs;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Workspace;

namespace TriggerFlow.Benchmarks;

/// <summary>One generated input for one customer.</summary>
internal readonly record struct WorkloadInput(int Customer, EngineInput Input);

/// <summary>
/// The deterministic workload of the engine and backtest benchmarks: 100 rules in the shapes of
/// docs/language.md over the real catalog, and a stream of Segment-shaped calls over a million
/// customers. Rules read only some events, so a share of the stream (<c>message opened</c>,
/// <c>plan renewed</c>, <c>store visit</c>) touches no rule, as page views and receipts do live.
/// </summary>
internal static class EngineWorkload
{
    public const int DefaultSeed = 20260701;

    /// <summary>Events no generated rule mentions.</summary>
    public static readonly string[] Untouched = ["message opened", "plan renewed", "store visit"];

    private static readonly string[] Categories =
        ["kids", "school", "toothpaste", "coffee", "shoes", "garden", "toys", "books", "sports", "beauty", "pets", "music", "tools", "games", "bags", "hats"];

    private static readonly string[] Segments = ["parents", "back-to-school", "app-users", "multi-line-household", "high-value"];

    private static readonly Instant Start = InstantPattern.ExtendedIso.Parse("2026-07-01T00:00:00Z").Value;

    /// <summary>The text of <paramref name="count"/> rules, each in one of six shapes, varied by the seed.</summary>
    public static IEnumerable<(string Name, string Text)> Rules(int count, int seed = DefaultSeed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var name = $"eng-{i:D3}";
            var category = Categories[random.Next(Categories.Length)];
            var audience = random.Next(3) == 0 ? $"\n  and segment {Segments[random.Next(Segments.Length)]}" : "";
            var test = random.Next(4) == 0 ? "\n  control 10%\n  goal purchase within 7d" : "";
            var status = test.Length > 0 ? "test" : "always-on";
            var body = (i % 6) switch
            {
                0 => $"when browsed category where category = \"{category}\"\n  without purchase within {Pick(random, "1h", "6h", "24h")}{audience}\n  send email template \"bts-browse\"\n  at most 1 per 7d",
                1 => $"when added to cart where category = \"{category}\"\n  without checkout within {Pick(random, "30m", "1h", "3h")}{audience}\n  send push template \"cart-reminder\"\n  at most 1 per cart",
                2 => $"when viewed product where category = \"{category}\"\n  then added to cart within 30m\n  without checkout within 1h\n  send email template \"cart-reminder\"",
                3 => $"when {Pick(random, "7d", "14d", "30d")} since last purchase of \"{category}\"\n  send email template \"resupply-reminder\" with 10% offer",
                4 => $"when entered store area where store = \"s{random.Next(20)}\"\n  send push template \"store-nearby\"\n  at most 1 per 1d\n  quiet hours drop",
                _ => $"when ticket resolved where topic = \"{category}\"\n  wait {Pick(random, "1h", "2h")}\n  send email template \"ticket-resolved\"",
            };
            yield return (name, $"rule \"{name}\"\n  status {status}\n  priority {10 * (1 + random.Next(9))}\n  {body}{test}\n");
        }
    }

    /// <summary>Writes the rules beside copies of the catalog, segments and governance of <paramref name="rulesFolder"/>.</summary>
    public static void WriteRulesFolder(string rulesFolder, string output, int count)
    {
        Directory.CreateDirectory(output);
        foreach (var shared in CorpusGenerator.SharedFiles)
        {
            File.Copy(Path.Combine(rulesFolder, shared), Path.Combine(output, shared), overwrite: true);
        }

        foreach (var (name, text) in Rules(count))
        {
            File.WriteAllText(Path.Combine(output, name + ".trigger"), text);
        }
    }

    /// <summary>The plans of the rules folder written by <see cref="WriteRulesFolder"/>; throws on any error.</summary>
    public static PlanSet Compile(string folder)
    {
        if (!RuleWorkspace.TryLoad([folder], out var load, out var error))
        {
            throw new InvalidOperationException(error);
        }

        var result = RuleCompiler.Compile(load!.Set);
        return result.Plans ?? throw new InvalidOperationException(string.Join('\n', result.Diagnostics.Where(d => d.IsError)));
    }

    public static string CustomerId(int customer) => "c" + customer.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="count"/> inputs over <paramref name="customers"/> customers, in arrival order,
    /// spread over 30 days. About a quarter touch no rule; 2% are identify calls; 1% arrive up to
    /// 4 minutes after they happened (out of order, within the lateness).
    /// </summary>
    public static IEnumerable<WorkloadInput> Inputs(long count, int customers, int seed = DefaultSeed)
    {
        var random = new Random(seed);
        var step = Duration.FromDays(30).TotalTicks / count;
        for (long i = 0; i < count; i++)
        {
            var arrival = Start + Duration.FromTicks((long)(i * step));
            var customer = random.Next(customers);
            var id = "e" + i.ToString(CultureInfo.InvariantCulture);
            var roll = random.Next(100);
            if (roll < 2)
            {
                var traits = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["has_children"] = random.Next(2) == 0,
                    ["app_installed"] = random.Next(2) == 0,
                    ["lifetime_value"] = (decimal)random.Next(1000),
                };
                var consent = new Dictionary<string, bool>(StringComparer.Ordinal) { ["email"] = random.Next(10) != 0 };
                yield return new WorkloadInput(customer, new ProfileInput(id, traits, consent, arrival));
                continue;
            }

            var eventTime = random.Next(100) == 0 ? arrival - Duration.FromSeconds(random.Next(240)) : arrival;
            var category = Categories[random.Next(Categories.Length)];
            var (name, properties) = roll switch
            {
                < 28 => (Untouched[random.Next(Untouched.Length)], Bag(("rule_name", "eng-001"))),
                < 50 => ("browsed category", Bag(("category", category))),
                < 65 => ("viewed product", Bag(("category", category), ("price", (decimal)random.Next(200)))),
                < 75 => ("added to cart", Bag(("category", category), ("cart", "k" + random.Next(3).ToString(CultureInfo.InvariantCulture)))),
                < 80 => ("checkout", Bag(("cart", "k" + random.Next(3).ToString(CultureInfo.InvariantCulture)))),
                < 90 => ("purchase", Bag(("category", category))),
                < 97 => ("entered store area", Bag(("store", "s" + random.Next(20).ToString(CultureInfo.InvariantCulture)))),
                _ => ("ticket resolved", Bag(("topic", category))),
            };
            yield return new WorkloadInput(customer, new EventInput(id, name, properties, eventTime, arrival));
        }
    }

    /// <summary>Writes the inputs as Segment JSON lines (track and identify calls), the backtest's default format.</summary>
    public static void WriteSegmentFile(string path, long count, int customers)
    {
        using var output = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        var buffer = new MemoryStream();
        foreach (var (customer, input) in Inputs(count, customers))
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("userId", CustomerId(customer));
                switch (input)
                {
                    case EventInput e:
                        json.WriteString("type", "track");
                        json.WriteString("event", e.Name);
                        json.WriteString("messageId", e.MessageId);
                        json.WriteString("timestamp", InstantPattern.ExtendedIso.Format(e.EventTime));
                        json.WriteString("receivedAt", InstantPattern.ExtendedIso.Format(e.ArrivalTime));
                        json.WriteStartObject("properties");
                        foreach (var (key, value) in e.Properties)
                        {
                            Write(json, key, value);
                        }

                        json.WriteEndObject();
                        break;
                    case ProfileInput p:
                        json.WriteString("type", "identify");
                        json.WriteString("messageId", p.MessageId);
                        json.WriteString("timestamp", InstantPattern.ExtendedIso.Format(p.ArrivalTime));
                        json.WriteStartObject("traits");
                        foreach (var (key, value) in p.Traits)
                        {
                            Write(json, key, value);
                        }

                        json.WriteEndObject();
                        json.WriteStartObject("context");
                        json.WriteStartObject("consent");
                        json.WriteStartObject("categoryPreferences");
                        foreach (var (channel, granted) in p.Consent)
                        {
                            json.WriteBoolean(channel, granted);
                        }

                        json.WriteEndObject();
                        json.WriteEndObject();
                        json.WriteEndObject();
                        break;
                }

                json.WriteEndObject();
            }

            output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
    }

    private static void Write(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case string s:
                json.WriteString(key, s);
                break;
            case decimal d:
                json.WriteNumber(key, d);
                break;
            case bool b:
                json.WriteBoolean(key, b);
                break;
        }
    }

    private static Dictionary<string, object?> Bag(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    private static string Pick(Random random, params string[] items) => items[random.Next(items.Length)];
}
