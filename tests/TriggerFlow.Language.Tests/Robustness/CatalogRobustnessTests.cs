using System.Text;
using TriggerFlow.Language.Diagnostics;

namespace TriggerFlow.Language.Tests.Robustness;

/// <summary>A hostile or broken catalog.yaml is diagnosed quickly, whatever its shape.</summary>
public sealed class CatalogRobustnessTests
{
    [Fact]
    public async Task Billion_laughs_aliases_do_not_expand()
    {
        var yaml = new StringBuilder("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
        {
            var previous = string.Join(", ", Enumerable.Repeat($"*lol{i - 1}", 10));
            yaml.Append($"lol{i}: &lol{i} [{previous}]\n");
        }

        foreach (var use in new[] { "channels: *lol9", "profile: {a: *lol9}", "events: {e: *lol9}", "events: {e: {properties: *lol9}}", "profile: {*lol9 : string}", "templates: {t: {channels: *lol9}}", "templates: {t: *lol9}", "events: {e: {subject: *lol9}}" })
        {
            var result = await Pipeline.LoadCatalog(yaml + use + "\n");

            Assert.Contains(result.Diagnostics, d => d.Descriptor == Descriptors.CatalogInvalid);
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(10_000)]
    [InlineData(400_000)]
    public async Task Deep_flow_nesting_is_diagnosed(int depth)
    {
        var result = await Pipeline.LoadCatalog($"channels: {new string('[', depth)}email{new string(']', depth)}\n");

        Assert.Contains(result.Diagnostics, d => d.Descriptor == Descriptors.CatalogInvalid);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(5_000)]
    public async Task Deep_block_nesting_is_diagnosed(int depth)
    {
        var yaml = new StringBuilder("profile:\n");
        for (var i = 1; i <= depth; i++)
        {
            yaml.Append(' ', i).Append("k").Append(i).Append(":\n");
        }

        var result = await Pipeline.LoadCatalog(yaml.ToString());

        Assert.Contains(result.Diagnostics, d => d.Descriptor == Descriptors.CatalogInvalid);
    }

    [Theory]
    [InlineData("channels: email")]
    [InlineData("channels: {email: 1}")]
    [InlineData("channels: [[email], {sms: 1}, ~, 3]")]
    [InlineData("events: [a, b]")]
    [InlineData("events: 5")]
    [InlineData("events: {purchase: [1, 2]}")]
    [InlineData("events: {purchase: {properties: [a, b]}}")]
    [InlineData("events: {purchase: {properties: {total: [number]}}}")]
    [InlineData("events: {purchase: {properties: {total: {type: number}}}}")]
    [InlineData("events: {purchase: {subject: [a], properties: {a: string}}}")]
    [InlineData("events: {purchase: {description: {a: b}}}")]
    [InlineData("events: {[a, b]: {properties: {}}}")]
    [InlineData("events: {{a: b}: {}}")]
    [InlineData("events: {~: {}}")]
    [InlineData("events: {purchase: ~, purchase: ~}")]
    [InlineData("profile: [country]")]
    [InlineData("profile: {country: ~}")]
    [InlineData("profile: {? [a, b] : string}")]
    [InlineData("templates: [a]")]
    [InlineData("templates: {t: {channels: email, parameters: 3}}")]
    [InlineData("templates: {t: {channels: [[email]], parameters: [{a: b}]}}")]
    [InlineData("templates: {T-Upper: {channels: [email]}}")]
    [InlineData("!!binary aGVsbG8=")]
    [InlineData("channels: !!binary aGVsbG8=")]
    [InlineData("base: &b {channels: [email]}\n<<: *b")]
    [InlineData("channels: *undefined")]
    [InlineData("channels: &a [*a]")]
    [InlineData("---\n...\n---")]
    [InlineData("- a\n- b")]
    [InlineData("just a scalar")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("# only a comment")]
    [InlineData("\0\u0001\u0002")]
    [InlineData("channels: [email\n")]
    [InlineData("channels: \"unterminated")]
    [InlineData("%YAML 9.9\n---\nchannels: [email]")]
    public async Task Wrong_shapes_and_types_are_diagnosed(string yaml)
    {
        var result = await Pipeline.LoadCatalog(yaml);

        Assert.Contains(result.Diagnostics, d => d.Descriptor == Descriptors.CatalogInvalid);
    }

    [Theory]
    [InlineData("!custom {channels: [email]}")]
    [InlineData("--- {channels: [email]}\n--- {channels: [sms]}")]
    [InlineData("\tchannels: [email]")]
    [InlineData("%TAG ! tag:evil.example,2026:\n---\nchannels: !x [email]")]
    [InlineData("channels: [email]\r\nevents:\r\n  purchase:\r\n    properties: {total: number}\r\n")]
    [InlineData("channels: [email, sms]\u2028events: {}\u0085profile: {}")]
    public async Task Unusual_but_harmless_yaml_is_read_without_throwing(string yaml)
    {
        await Pipeline.LoadCatalog(yaml);
    }

    [Fact]
    public async Task A_2_MB_catalog_is_refused()
    {
        var yaml = "channels: [email]\nevents:\n" + string.Concat(Enumerable.Range(0, 200_000).Select(i => $"  e{i}: {{}}\n"));

        var result = await Pipeline.LoadCatalog(yaml);

        Assert.True(yaml.Length > 1024 * 1024);
        Assert.Equal(Descriptors.CatalogInvalid, Assert.Single(result.Diagnostics).Descriptor);
    }

    [Theory]
    [MemberData(nameof(RandomInputTests.Seeds), MemberType = typeof(RandomInputTests))]
    public async Task Random_bytes_are_diagnosed_not_thrown(int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[random.Next(0, 2048)];
        random.NextBytes(bytes);

        await Pipeline.LoadCatalog(Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [MemberData(nameof(RandomInputTests.Seeds), MemberType = typeof(RandomInputTests))]
    public async Task Random_yaml_punctuation_is_diagnosed_not_thrown(int seed)
    {
        const string Alphabet = "abcdefgh: -[]{},&*!|>'\"#%@`?~\n\t0123456789.";
        var random = new Random(seed);
        var text = new string(Enumerable.Range(0, random.Next(0, 1024)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());

        await Pipeline.LoadCatalog(text);
    }
}
