using TriggerFlow.Language.Catalog;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Tests.Support;

namespace TriggerFlow.Language.Tests.Catalog;

public sealed class CatalogAliasesTests
{
    private const string Path = "rules/catalog.yaml";

    private const string Shop = """
        channels: [email]
        events:
          viewed product:
            aliases: [Product Viewed, com.shop.product.viewed]
            subject: product
            properties:
              product: { type: string, aliases: [product_id, sku] }
              price: number
          Purchase:
            properties:
              total: { type: number }
        """;

    private static EventCatalog RealCatalog { get; } = Loaded(File.ReadAllText(System.IO.Path.Combine(Repository.Root, "rules", "catalog.yaml")));

    [Theory]
    [InlineData("viewed product", "viewed product")]
    [InlineData("Product Viewed", "viewed product")]
    [InlineData("product viewed", "viewed product")]
    [InlineData("COM.SHOP.PRODUCT.VIEWED", "viewed product")]
    [InlineData("Viewed Product", "viewed product")]
    [InlineData("Purchase", "Purchase")]
    [InlineData("purchase", "Purchase")]
    public void FindEvent_takes_the_name_an_alias_or_the_name_ignoring_case(string posted, string expected)
    {
        Assert.Equal(expected, Loaded(Shop).FindEvent(posted)?.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Product Viewed ")]
    [InlineData("viewed")]
    [InlineData("com.shop.product")]
    public void FindEvent_finds_nothing_for_other_names(string posted)
    {
        Assert.Null(Loaded(Shop).FindEvent(posted));
    }

    [Fact]
    public void FindEvent_prefers_the_exact_name_to_an_alias_and_an_alias_to_the_name_ignoring_case()
    {
        var exact = new EventDefinition("Order", null, new Dictionary<string, PropertyType>(), null);
        var aliased = new EventDefinition("purchase", null, new Dictionary<string, PropertyType>(), null) { Aliases = ["order"] };
        var catalog = EventCatalog.Empty with { Events = new Dictionary<string, EventDefinition> { ["Order"] = exact, ["purchase"] = aliased } };

        Assert.Same(exact, catalog.FindEvent("Order"));
        Assert.Same(aliased, catalog.FindEvent("order"));
        Assert.Same(aliased, catalog.FindEvent("ORDER"));
    }

    [Fact]
    public void FindEvent_sees_the_events_of_a_catalog_made_with_with()
    {
        var first = Loaded(Shop);
        Assert.NotNull(first.FindEvent("Product Viewed"));

        var second = first with { Events = new Dictionary<string, EventDefinition>() };

        Assert.Null(second.FindEvent("Product Viewed"));
        Assert.NotNull(first.FindEvent("Product Viewed"));
    }

    [Theory]
    [InlineData("product", "product")]
    [InlineData("product_id", "product")]
    [InlineData("Product_ID", "product")]
    [InlineData("sku", "product")]
    [InlineData("price", "price")]
    [InlineData("Price", null)]
    [InlineData("category", null)]
    [InlineData("", null)]
    public void FindProperty_takes_the_exact_name_or_an_alias_ignoring_case(string posted, string? expected)
    {
        Assert.Equal(expected, Loaded(Shop).FindEvent("viewed product")!.FindProperty(posted));
    }

    [Fact]
    public void Aliases_default_to_empty()
    {
        var definition = new EventDefinition("x", null, new Dictionary<string, PropertyType>(), null);

        Assert.Empty(definition.Aliases);
        Assert.Empty(definition.PropertyAliases);
        Assert.Null(definition.FindProperty("x"));
    }

    [Fact]
    public void Property_aliases_given_in_code_match_ignoring_case()
    {
        var definition = new EventDefinition("x", null, new Dictionary<string, PropertyType> { ["cart"] = PropertyType.String }, null)
        {
            PropertyAliases = new Dictionary<string, string>(StringComparer.Ordinal) { ["cart_id"] = "cart" },
        };

        Assert.Equal("cart", definition.FindProperty("CART_ID"));
    }

    [Fact]
    public void The_short_and_the_long_property_forms_load_alike()
    {
        var definition = Loaded(Shop).Events["viewed product"];

        Assert.Equal(PropertyType.String, definition.Properties["product"]);
        Assert.Equal(PropertyType.Number, definition.Properties["price"]);
        Assert.Equal(["Product Viewed", "com.shop.product.viewed"], definition.Aliases);
        Assert.Equal("product", definition.PropertyAliases["product_id"]);
    }

    [Theory]
    [InlineData("Product Viewed", "viewed product")]
    [InlineData("Product Clicked", "clicked product")]
    [InlineData("Product Added", "added to cart")]
    [InlineData("Checkout Started", "checkout")]
    [InlineData("Order Completed", "purchase")]
    [InlineData("Product List Viewed", "browsed category")]
    [InlineData("com.shop.cart.item-added", "added to cart")]
    public void The_shipped_catalog_maps_segment_spec_events_and_cloudevents_types(string posted, string expected)
    {
        Assert.Equal(expected, RealCatalog.FindEvent(posted)?.Name);
    }

    [Theory]
    [InlineData("Product Viewed", "product_id", "product")]
    [InlineData("Product Viewed", "category", "category")]
    [InlineData("Product Viewed", "price", "price")]
    [InlineData("Product Clicked", "product_id", "product")]
    [InlineData("Product Added", "product_id", "product")]
    [InlineData("Product Added", "cart_id", "cart")]
    [InlineData("Product Added", "quantity", "quantity")]
    [InlineData("Checkout Started", "cart_id", "cart")]
    [InlineData("Checkout Started", "revenue", "total")]
    [InlineData("Order Completed", "order_id", "order")]
    [InlineData("Order Completed", "revenue", "total")]
    [InlineData("Order Completed", "total", "total")]
    public void The_shipped_catalog_maps_segment_spec_properties(string posted, string property, string expected)
    {
        Assert.Equal(expected, RealCatalog.FindEvent(posted)!.FindProperty(property));
    }

    [Theory]
    [InlineData("aliases: [Purchase]", "the alias `Purchase` of event `viewed product` is the name of event `purchase`")]
    [InlineData("aliases: [Viewed Product]", "the alias `Viewed Product` of event `viewed product` is the event's own name")]
    [InlineData("aliases: [a.b, A.B]", "event `viewed product` lists the alias `A.B` twice")]
    [InlineData("aliases: Product Viewed", "the aliases of event `viewed product` must be a list")]
    [InlineData("aliases: [\"\"]", "`` cannot be an alias of event `viewed product`")]
    [InlineData("aliases: [\" padded\"]", "` padded` cannot be an alias of event `viewed product`")]
    [InlineData("aliases: [\"tab\\there\"]", "cannot be an alias of event `viewed product`")]
    [InlineData("aliases: [[nested]]", "cannot be an alias of event `viewed product`")]
    [InlineData("alias: [Product Viewed]", "event `viewed product` has an unknown key `alias`")]
    public void Event_alias_mistakes_are_catalog_errors_at_their_line(string aliases, string message)
    {
        var yaml = $"""
            channels: [email]
            events:
              viewed product:
                {aliases}
                properties:
                  product: string
              purchase:
                aliases: [Order Completed]
                properties:
                  total: number
            """;

        var error = Assert.Single(CatalogLoader.Load(Path, yaml).Diagnostics);

        Assert.Equal(Descriptors.CatalogInvalid, error.Descriptor);
        Assert.Equal(4, error.Span.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Hint));
    }

    [Fact]
    public void An_alias_given_to_two_events_is_reported_at_the_second()
    {
        const string yaml = """
            channels: [email]
            events:
              purchase:
                aliases: [Order Completed]
              checkout:
                aliases: [Checkout Started, order completed]
            """;

        var error = Assert.Single(CatalogLoader.Load(Path, yaml).Diagnostics);

        Assert.Equal((6, 33), (error.Span.Line, error.Span.Column));
        Assert.Equal("the alias `order completed` of event `checkout` is already an alias of event `purchase`", error.Message);
    }

    [Theory]
    [InlineData("{ type: string, aliases: [price] }", "the alias `price` of property `product` of `viewed product` is the name of property `price`")]
    [InlineData("{ type: string, aliases: [Product] }", "the alias `Product` of property `product` of `viewed product` is the name of property `product`")]
    [InlineData("{ type: string, aliases: [cost] }", "the alias `cost` of property `product` of `viewed product` is already an alias of `price`")]
    [InlineData("{ type: string, aliases: [id, ID] }", "the alias `ID` of property `product` of `viewed product` is already an alias of `product`")]
    [InlineData("{ aliases: [product_id] }", "property `product` has no `type`")]
    [InlineData("{ type: strin }", "`strin` is not a type")]
    [InlineData("{ type: string, alias: [product_id] }", "property `product` of `viewed product` has an unknown key `alias`")]
    [InlineData("{ type: string, aliases: {product_id: x} }", "the aliases of property `product` of `viewed product` must be a list")]
    public void Property_alias_mistakes_are_catalog_errors_at_their_line(string product, string message)
    {
        var yaml = $"""
            channels: [email]
            events:
              viewed product:
                properties:
                  price: {"{"} type: number, aliases: [cost] {"}"}
                  product: {product}
            """;

        var error = Assert.Single(CatalogLoader.Load(Path, yaml).Diagnostics);

        Assert.Equal(Descriptors.CatalogInvalid, error.Descriptor);
        Assert.Equal(6, error.Span.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_traits_take_the_long_form_but_no_aliases()
    {
        var result = CatalogLoader.Load(Path, "channels: [email]\nprofile:\n  country: { type: string }\n  email: { type: string, aliases: [mail] }\n");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(4, error.Span.Line);
        Assert.Contains("profile trait `email` has an unknown key `aliases`", error.Message, StringComparison.Ordinal);
        Assert.Equal(PropertyType.String, result.Catalog.Traits["country"]);
    }

    [Fact]
    public void An_alias_longer_than_the_limit_is_refused()
    {
        var alias = new string('a', CatalogLoader.MaxAliasLength + 1);

        var result = CatalogLoader.Load(Path, $"channels: [email]\nevents:\n  seen:\n    aliases: [{alias}]\n");

        Assert.Contains("cannot be an alias", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
        Assert.Empty(result.Catalog.Events["seen"].Aliases);
    }

    [Fact]
    public void A_catalog_of_many_properties_and_aliases_loads_in_one_pass()
    {
        // Each alias is checked against the event's properties by lookup, not by scanning them all:
        // 20,000 of each would take billions of comparisons otherwise.
        var yaml = new System.Text.StringBuilder("channels: [email]\nevents:\n  big:\n    properties:\n");
        for (var i = 0; i < 20_000; i++)
        {
            yaml.Append($"      p{i}: {{ type: string, aliases: [a{i}] }}\n");
        }

        var result = CatalogLoader.Load(Path, yaml.ToString());

        Assert.Empty(result.Diagnostics);
        Assert.Equal("p19999", result.Catalog.Events["big"].FindProperty("A19999"));
    }

    [Fact]
    public void A_refused_alias_is_left_out_and_the_rest_of_the_catalog_loads()
    {
        var result = CatalogLoader.Load(Path, "channels: [email]\nevents:\n  a:\n    aliases: [x, b]\n  b:\n    aliases: [X, y]\n");

        Assert.Equal(2, result.Diagnostics.Count);
        Assert.Equal(["x"], result.Catalog.Events["a"].Aliases);
        Assert.Equal(["y"], result.Catalog.Events["b"].Aliases);
    }

    private static EventCatalog Loaded(string yaml)
    {
        var result = CatalogLoader.Load(Path, yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => $"{d.Span.Line}: {d.Message}")));
        return result.Catalog;
    }
}
