using System.Text;
using System.Text.Json;
using NodaTime;
using TriggerFlow.Engine.Decisions;
using TriggerFlow.Engine.State;
using TriggerFlow.Runtime.Storage.Json;

namespace TriggerFlow.Runtime.Tests.Storage;

/// <summary>Stored JSON: exact round trips of the engine's state, and no .NET type names.</summary>
public sealed class JsonGrainStateSerializerTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 7, 1, 9, 30, 15) + Duration.FromMilliseconds(250);
    private readonly JsonGrainStateSerializer _serializer = new();

    [Fact]
    public void A_full_customer_state_round_trips_with_every_value_type_intact()
    {
        var json = Json(FullState());
        var back = _serializer.Deserialize<CustomerState>(new BinaryData(Encoding.UTF8.GetBytes(json)))!;

        Assert.Equal(json, Json(back));
        Assert.Equal("c-42", back.CustomerId);
        Assert.Equal(At, back.Clock);
        AssertTypedValues(back.Profile);
        AssertTypedValues(back.Windows[0].Signal);
        AssertTypedValues(back.Recent[0].Properties);
        var held = Assert.Single(back.Held);
        Assert.Equal(new LocalTime(21, 0), held.Message.Parameters["quietUntil"]);
        Assert.Equal(new object?[] { "x", 2.5m, null, new LocalDate(2026, 12, 24) }, (object?[])held.Message.Parameters["mixed"]!);
        AssertTypedValues(held.Message.Data);
        Assert.Equal(WindowStage.Sequence, back.Windows[0].Stage);
    }

    [Fact]
    public void Values_without_a_json_kind_of_their_own_are_stored_under_their_kind_name()
    {
        var json = Json(FullState());

        Assert.Contains("\"joined\":{\"date\":\"2026-07-01\"}", json, StringComparison.Ordinal);
        Assert.Contains("\"lastSeen\":{\"instant\":\"2026-07-01T09:30:15.25Z\"}", json, StringComparison.Ordinal);
        Assert.Contains("\"price\":1.50", json, StringComparison.Ordinal);
        Assert.Contains("\"tags\":[\"vip\",\"beta\"]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Stored_json_names_no_dotnet_type_so_a_renamed_state_class_still_reads_it()
    {
        var json = Json(FullState());
        var renamed = _serializer.Deserialize<Renamed.CustomerRecord>(new BinaryData(Encoding.UTF8.GetBytes(json)))!;

        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.DoesNotContain("TriggerFlow", json, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", json, StringComparison.Ordinal);
        Assert.Equal(("c-42", At, 7L), (renamed.CustomerId, renamed.Clock, renamed.LateEvents));
        AssertTypedValues(renamed.Profile);
    }

    [Fact]
    public void A_value_of_a_type_the_store_cannot_give_back_exactly_is_refused()
    {
        var state = new CustomerState("c-1") { Profile = { ["visits"] = 3 } };

        var refused = Assert.Throws<JsonException>(() => _serializer.Serialize(state));

        Assert.Contains("Int32", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Applied_message_ids_are_stored_as_hashes_and_still_deduplicate_after_a_round_trip()
    {
        var json = Json(FullState());
        var back = _serializer.Deserialize<CustomerState>(new BinaryData(Encoding.UTF8.GetBytes(json)))!;

        Assert.DoesNotContain("\"m-1\"", json, StringComparison.Ordinal);
        Assert.Matches("\"seen\":\\{\"[0-9a-f]{16}\":", json);
        Assert.True(back.Seen.Contains("m-1"));
        Assert.False(back.Seen.TryAdd("m-1", At));
        Assert.True(back.Seen.TryAdd("m-3", At));
    }

    [Fact]
    public void A_window_whose_signal_is_an_events_property_map_round_trips()
    {
        var state = new CustomerState("c-7")
        {
            Windows = [new PendingWindow { Rule = "r", Version = "v1", WindowId = "w", Signal = TriggerFlow.Engine.Inputs.PropertyMap.From(TypedValues()) }],
        };

        var back = _serializer.Deserialize<CustomerState>(_serializer.Serialize(state))!;

        AssertTypedValues(back.Windows[0].Signal);
    }

    [Fact]
    public void The_default_state_with_its_minimum_clock_round_trips()
    {
        var back = _serializer.Deserialize<CustomerState>(_serializer.Serialize(new CustomerState("c-1")))!;

        Assert.Equal(Instant.MinValue, back.Clock);
    }

    private string Json<T>(T value) => _serializer.Serialize(value).ToString();

    private static Dictionary<string, object?> TypedValues() => new(StringComparer.Ordinal)
    {
        ["name"] = "Ada",
        ["price"] = 1.50m,
        ["vip"] = true,
        ["joined"] = new LocalDate(2026, 7, 1),
        ["lastSeen"] = At,
        ["tags"] = new[] { "vip", "beta" },
        ["nothing"] = null,
    };

    private static void AssertTypedValues(IReadOnlyDictionary<string, object?> values)
    {
        Assert.Equal("Ada", Assert.IsType<string>(values["name"]));
        var price = Assert.IsType<decimal>(values["price"]);
        Assert.Equal("1.50", price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Assert.IsType<bool>(values["vip"]));
        Assert.Equal(new LocalDate(2026, 7, 1), Assert.IsType<LocalDate>(values["joined"]));
        Assert.Equal(At, Assert.IsType<Instant>(values["lastSeen"]));
        Assert.Equal(["vip", "beta"], Assert.IsType<string[]>(values["tags"]));
        Assert.Null(values["nothing"]);
    }

    private static CustomerState FullState()
    {
        var send = new SendDecision(
            At, "cart-abandoned", "v3", "B", "email", "cart-reminder",
            new Dictionary<string, object?> { ["quietUntil"] = new LocalTime(21, 0), ["mixed"] = new object?[] { "x", 2.5m, null, new LocalDate(2026, 12, 24) } },
            TypedValues(),
            "c-42/cart-abandoned/w1/email");
        return new CustomerState("c-42")
        {
            Profile = TypedValues(),
            Consent = { ["email"] = true, ["sms"] = false },
            Windows =
            [
                new PendingWindow
                {
                    Rule = "cart-abandoned", Version = "v3", WindowId = "w1", Stage = WindowStage.Sequence, Step = 1,
                    Anchor = At, StageStart = At, Deadline = At + Duration.FromHours(2), AwaitsAbsence = true,
                    Signal = TypedValues(), Variant = "B", Control = false,
                },
            ],
            Sent = [new SentMessage("welcome", "email", At, 10, "w0")],
            SentEver = { ["welcome"] = 1 },
            SentPerKey = { ["cart-abandoned\ncart-9"] = 2 },
            Held = [new HeldMessage(send, At + Duration.FromHours(9), 5, "cart-abandoned", "w1")],
            TenureStart = { ["loyalty"] = At },
            Seen = MessageIds.From([KeyValuePair.Create("m-1", At)]),
            Recent = [new RecentEvent("m-2", "Product Viewed", TypedValues(), At)],
            Clock = At,
            LateEvents = 7,
        };
    }
}
