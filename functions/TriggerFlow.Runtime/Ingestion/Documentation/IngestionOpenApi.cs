using Microsoft.OpenApi;
using Scalar.AspNetCore;
using TriggerFlow.Runtime.Ingestion.Acceptance;

namespace TriggerFlow.Runtime.Ingestion.Documentation;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> and its interactive reference at <c>/scalar</c>:
/// every ingestion endpoint with its request shape, its answers and its problems, and the three
/// ways to present a write key.
/// </summary>
internal static class IngestionOpenApi
{
    public const string BasicScheme = "writeKeyBasic";
    public const string BearerScheme = "writeKeyBearer";
    public const string EventGridScheme = "writeKeyEventGrid";

    public static IServiceCollection AddIngestionOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "TriggerFlow";
            document.Info.Description = "Post customer events (Segment Tracking API, CloudEvents 1.0). A 200 means every accepted event is durable. See docs/api.md.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BasicScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "A source's write key as the user name, the password empty (as Segment does).",
            };
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "`Authorization: Bearer <write key>`.",
            };
            document.Components.SecuritySchemes[EventGridScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "aeg-sas-key",
                Description = "The write key in Azure Event Grid's delivery header.",
            };
            document.Security = [.. new[] { BasicScheme, BearerScheme, EventGridScheme }.Select(s =>
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(s, document)] = [] })];
            return Task.CompletedTask;
        }));

    public static IEndpointRouteBuilder MapIngestionReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }

    /// <summary>The summary, request shape and every answer of an ingestion endpoint.</summary>
    public static RouteHandlerBuilder Describe<TRequest>(this RouteHandlerBuilder endpoint, string summary, string description, params string[] contentTypes)
        where TRequest : notnull =>
        endpoint.WithSummary(summary)
            .WithDescription(description + " Optional body signature: `X-TriggerFlow-Timestamp` and `X-TriggerFlow-Signature: v1=<hex HMAC-SHA256(secret, timestamp + \".\" + body)>`.")
            .AddOpenApiOperationTransformer(async (operation, context, cancellation) =>
            {
                // Not Accepts<T>(): its metadata also filters routing, which would answer a wrong
                // content type with an empty 415 before the handler could explain it.
                var schema = await context.GetOrCreateSchemaAsync(typeof(TRequest), null, cancellation);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = (contentTypes.Length == 0 ? ["application/json"] : contentTypes).ToDictionary(c => c, _ => new OpenApiMediaType { Schema = schema }),
                };
            })
            .Produces<IngestionResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
