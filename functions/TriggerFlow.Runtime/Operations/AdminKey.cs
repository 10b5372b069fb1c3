using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using TriggerFlow.Runtime.Hosting;

namespace TriggerFlow.Runtime.Operations;

/// <summary>
/// Guards the admin endpoints (deploy, rollback, customers, dashboard) with
/// <c>Authorization: Bearer &lt;TriggerFlow:AdminKey&gt;</c>. An endpoint filter rather than
/// middleware, so the guard travels with the endpoints whatever order the pipeline is built in.
/// </summary>
internal static class AdminKey
{
    /// <summary>The admin key's security scheme in the OpenAPI document.</summary>
    public const string SchemeName = "adminKey";

    /// <summary>Requires the admin key on every endpoint of <paramref name="builder"/>; 401 with problem details otherwise.</summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(new Filter(allowLoopbackInDevelopment: false));
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            // Replaces the document-wide write-key schemes: these endpoints take the admin key only.
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>Declares the admin key's scheme in the OpenAPI document, for the operations that require it.</summary>
    public static void AddSecurityScheme(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "`Authorization: Bearer <admin key>`: TriggerFlow:AdminKey (TriggerFlow__AdminKey).",
            };
            return Task.CompletedTask;
        });

    /// <summary>
    /// As <see cref="RequireAdminKey{TBuilder}"/>, but a browser on the same machine in Development
    /// gets in without the key, since browsers cannot add a bearer header to page loads.
    /// </summary>
    public static TBuilder RequireAdminKeyOffLoopback<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(new Filter(allowLoopbackInDevelopment: true));
        return builder;
    }

    /// <summary>Whether <paramref name="authorization"/> is <c>Bearer &lt;key&gt;</c>, compared in constant time.</summary>
    public static bool Matches(string? authorization, string key)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || key.Length == 0)
        {
            return false;
        }

        // Hashing first gives equal lengths, so the comparison's time says nothing about the key's length either.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private sealed class Filter(bool allowLoopbackInDevelopment) : IEndpointFilter
    {
        public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var key = http.RequestServices.GetRequiredService<IOptions<TriggerFlowOptions>>().Value.AdminKey;
            if (Matches(http.Request.Headers.Authorization, key) || (allowLoopbackInDevelopment && IsLocalDevelopment(http)))
            {
                return next(context);
            }

            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "The admin key is missing or wrong",
                detail: "Send `Authorization: Bearer <key>` with the key configured as TriggerFlow:AdminKey (TriggerFlow__AdminKey)."));
        }

        private static bool IsLocalDevelopment(HttpContext http) =>
            http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment()
            && http.Connection.RemoteIpAddress is { } address
            && IPAddress.IsLoopback(address);
    }
}
