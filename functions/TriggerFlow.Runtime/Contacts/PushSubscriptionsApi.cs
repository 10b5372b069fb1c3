using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using TriggerFlow.Runtime.Ingestion;
using TriggerFlow.Runtime.Ingestion.Requests;
using TriggerFlow.Runtime.Operations;
using TriggerFlow.Runtime.Orchestration;

namespace TriggerFlow.Runtime.Contacts;

/// <summary>
/// <c>POST</c> and <c>DELETE /api/customers/{id}/push-subscriptions</c>: a web shop or an app
/// registers the browser subscription or device token it got for a customer, with a source's write
/// key, as it posts events. The request passes the same gate as ingestion (401, 429, 415, 413,
/// signature) and is stored with the customer's state before the answer.
/// </summary>
internal static class PushSubscriptionsApi
{
    public const string NotFound = "urn:triggerflow:problem:not-found";

    private static readonly Func<HttpRequest, bool> IsJson = r => JsonBodies.IsJson(JsonBodies.MediaType(r.ContentType));

    public static IEndpointRouteBuilder MapPushSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/customers/{id}/push-subscriptions").WithTags("Contacts");
        api.MapPost("", Subscribe)
            .WithName("SubscribePush")
            .WithSummary("Store a customer's browser push subscription or mobile push token")
            .WithDescription("The body is a browser `PushSubscription` as `subscription.toJSON()` gives it (`endpoint` an https URL, `keys.p256dh` the 65-byte uncompressed P-256 point and `keys.auth` the 16-byte secret, both base64url), or `{\"platform\": \"fcm\"|\"apns\", \"token\": \"…\"}`. Posting the same endpoint or token again updates it (200); a new one answers 201. At most `TriggerFlow:Contacts:MaxPushSubscriptionsPerCustomer` (default 20) are kept: the least recently posted is dropped.")
            .WithBody<PushSubscriptionBody>()
            .Produces<PushSubscriptionAnswer>(StatusCodes.Status201Created)
            .Produces<PushSubscriptionAnswer>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapDelete("", Unsubscribe)
            .WithName("UnsubscribePush")
            .WithSummary("Remove a customer's push subscription or token")
            .WithDescription("Names the subscription in the query (`?endpoint=…`, or `?platform=fcm|apns&token=…`) or in a JSON body of either shape (a whole `PushSubscription` will do). 204 when it was removed, 404 when the customer has no such subscription.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<Results<Created<PushSubscriptionAnswer>, Ok<PushSubscriptionAnswer>, ValidationProblem, ProblemHttpResult>> Subscribe(
        string id, HttpContext context, RequestGate gate, PushSubscriptionReader reader, IGrainFactory grains,
        IOptions<ContactsOptions> contacts, IOptions<IngestionOptions> ingestion)
    {
        var (body, rejection) = await AdmitAsync(context, gate, IsJson, contacts.Value);
        if (body is not { } admitted)
        {
            return rejection!;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckCustomerId(id, errors);
        using var document = JsonBodies.TryParse(admitted, ingestion.Value.MaxJsonDepth, out var unreadable);
        if (document is null)
        {
            return IngestionProblems.Unreadable(unreadable!);
        }

        if (reader.ReadSubscription(document.RootElement, errors) is not { } subscription || errors.Count > 0)
        {
            return Invalid(errors);
        }

        var result = await grains.GetGrain<ICustomerGrain>(id).SubscribePush(subscription, contacts.Value.MaxPushSubscriptionsPerCustomer);
        var answer = new PushSubscriptionAnswer(
            id,
            result.Outcome.ToString().ToLowerInvariant(),
            PushSubscriptionView.From(result.Subscription),
            [.. result.Dropped.Select(PushSubscriptionView.From)]);
        return result.Outcome == PushSubscribeOutcome.Added
            ? TypedResults.Created($"/api/customers/{Uri.EscapeDataString(id)}/push-subscriptions", answer)
            : TypedResults.Ok(answer);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Unsubscribe(
        string id, string? endpoint, string? platform, string? token, HttpContext context, RequestGate gate, PushSubscriptionReader reader,
        IGrainFactory grains, IOptions<ContactsOptions> contacts, IOptions<IngestionOptions> ingestion)
    {
        // The query form has no body and so no content type; a body must be JSON.
        var (body, rejection) = await AdmitAsync(context, gate, r => IsJson(r) || (r.ContentLength is null or 0 && r.ContentType is null), contacts.Value);
        if (body is not { } admitted)
        {
            return rejection!;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckCustomerId(id, errors);
        (PushPlatform Platform, string Address)? named;
        if (admitted.Length == 0)
        {
            named = reader.ReadIdentity(endpoint, platform, token, errors);
        }
        else if (endpoint is not null || platform is not null || token is not null)
        {
            return Invalid(new() { ["$"] = ["name the subscription in the query or in the body, not both"] });
        }
        else
        {
            using var document = JsonBodies.TryParse(admitted, ingestion.Value.MaxJsonDepth, out var unreadable);
            if (document is null)
            {
                return IngestionProblems.Unreadable(unreadable!);
            }

            named = reader.ReadIdentity(document.RootElement, errors);
        }

        if (named is not { } subscription || errors.Count > 0)
        {
            return Invalid(errors);
        }

        return await grains.GetGrain<ICustomerGrain>(id).UnsubscribePush(subscription.Platform, subscription.Address)
            ? TypedResults.NoContent()
            : TypedResults.Problem(
                $"customer `{id}` has no {(subscription.Platform == PushPlatform.Web ? "push subscription with this endpoint" : $"{subscription.Platform.ToString().ToLowerInvariant()} token like this one")}",
                statusCode: StatusCodes.Status404NotFound, title: "No such push subscription", type: NotFound);
    }

    /// <summary>The ingestion gate (key, rate, content type, size, signature), then this area's own, smaller body limit.</summary>
    private static async Task<(ReadOnlyMemory<byte>? Body, ProblemHttpResult? Rejection)> AdmitAsync(
        HttpContext context, RequestGate gate, Func<HttpRequest, bool> acceptsContentType, ContactsOptions options)
    {
        var (admitted, rejection) = await gate.AdmitAsync(context, acceptsContentType, "application/json");
        if (admitted is not { } request)
        {
            return (null, rejection);
        }

        return request.Body.Length > options.MaxBodyBytes ? (null, IngestionProblems.Oversized(options.MaxBodyBytes)) : (request.Body, null);
    }

    private static void CheckCustomerId(string id, Dictionary<string, string[]> errors)
    {
        if (id.Length > CustomersApi.MaxIdLength || id.Trim().Length == 0 || id.Any(char.IsControl))
        {
            errors["id"] = [$"a customer id has 1 to {CustomersApi.MaxIdLength} characters, not all spaces, and no control characters"];
        }
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: "nothing was stored; fix the fields named in `errors`",
            title: "Invalid push subscription",
            type: IngestionProblems.InvalidInput);

    /// <summary>Documents the request body without <c>Accepts&lt;T&gt;</c>, whose metadata would answer a wrong content type with an empty 415 before the handler explains it.</summary>
    private static RouteHandlerBuilder WithBody<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, cancellation) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellation);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}

/// <summary>
/// A push subscription as posted (for the OpenAPI document): either the browser's <c>PushSubscription</c>
/// (<see cref="Endpoint"/>, <see cref="ExpirationTime"/>, <see cref="Keys"/>) or a mobile token
/// (<see cref="Platform"/>, <see cref="Token"/>).
/// </summary>
/// <param name="Endpoint">Browser: the push service URL, https (http only on a loopback address in Development).</param>
/// <param name="ExpirationTime">Browser: null, or milliseconds since 1970 when it expires.</param>
/// <param name="Keys">Browser: <c>p256dh</c> (65 bytes) and <c>auth</c> (16 bytes), base64url.</param>
/// <param name="Platform">Mobile: <c>fcm</c> or <c>apns</c>.</param>
/// <param name="Token">Mobile: the FCM registration token (32 to 4,096 characters) or the APNs device token (64 to 200 hex digits).</param>
internal sealed record PushSubscriptionBody(string? Endpoint, long? ExpirationTime, PushSubscriptionKeys? Keys, string? Platform, string? Token);
