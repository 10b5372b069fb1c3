using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TriggerFlow.Runtime.Contacts;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Operations;

/// <summary>
/// <c>GET /api/customers/{id}</c>: the live explain of one customer, from its grain. Admin key
/// required, since it shows a person's data. A customer never seen is 404, not an empty state.
/// </summary>
internal static class CustomersApi
{
    /// <summary>Longer ids are refused: no source sends them, and they would only make grains for nobody.</summary>
    public const int MaxIdLength = 256;

    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/customers/{id}", GetCustomer)
            .WithTags("Operations")
            .WithName("InspectCustomer")
            .WithSummary("A customer's pending windows, recent decisions and cap counters")
            .RequireAdminKey()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<CustomerInspection>, ProblemHttpResult>> GetCustomer(string id, IGrainFactory grains)
    {
        if (id.Length > MaxIdLength)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The customer id is too long", detail: $"Customer ids have at most {MaxIdLength} characters.");
        }

        var grain = grains.GetGrain<ICustomerGrain>(id);
        var snapshot = await grain.Inspect();
        var pushSubscriptions = await grain.PushSubscriptions();
        if (!snapshot.Known && pushSubscriptions.Count == 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown customer",
                detail: $"No event, identify, alias or push subscription has been stored for customer `{id}`. Ids are compared exactly (case and spaces count); an item that was quarantined is not stored.");
        }

        return TypedResults.Ok(new CustomerInspection(
            snapshot.CustomerId,
            JsonSerializer.Deserialize<JsonElement>(snapshot.StateJson),
            snapshot.RecentDecisions,
            snapshot.NextWakeUp,
            [.. pushSubscriptions.Select(PushSubscriptionView.From)]));
    }
}

/// <summary>One customer as ops see it.</summary>
/// <param name="State">The engine state: pending windows, cap ledger, profile, consent.</param>
/// <param name="RecentDecisions">The latest decisions, newest last.</param>
/// <param name="NextWakeUp">When the customer's grain wakes next to check deadlines; null when nothing is pending.</param>
/// <param name="PushSubscriptions">The customer's browser push subscriptions and mobile push tokens, least recently posted first.</param>
public sealed record CustomerInspection(
    string CustomerId, JsonElement State, IReadOnlyList<string> RecentDecisions, DateTimeOffset? NextWakeUp, IReadOnlyList<PushSubscriptionView> PushSubscriptions);
