using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using TriggerFlow.Language.Compilation;
using TriggerFlow.Language.Diagnostics;
using TriggerFlow.Language.Workspace;
using TriggerFlow.Runtime.Hosting;
using TriggerFlow.Runtime.Operations;

namespace TriggerFlow.Runtime.Deployment;

/// <summary>
/// <c>/api/rules</c>: deploy a rules folder (checked and compiled here, activated atomically),
/// show what is active, roll back. Admin key required.
/// </summary>
internal static class RulesApi
{
    /// <summary>The header a client may send to say who deploys; the admin key itself names nobody.</summary>
    public const string DeployedByHeader = "X-TriggerFlow-Deployed-By";

    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rules").WithTags("Rules").RequireAdminKey().ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/", DeployRules)
            .WithName("DeployRules")
            .WithSummary("Check, compile and activate a rules folder")
            .WithDescription("Compiles the catalog and rule files like `triggerflow compile`. Errors: 422 with the diagnostics, and nothing changes. Success: the set is stored by its content hash and activated in one write; deploying the active set again changes nothing.")
            .AddOpenApiOperationTransformer(DescribeRequestBody)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/", GetRules)
            .WithName("GetRules")
            .WithSummary("The active rule set and the deployments before it");

        api.MapPost("/rollback", Rollback)
            .WithName("RollbackRules")
            .WithSummary("Activate the deployment before the active one")
            .WithDescription("Retires the active deployment and activates the latest earlier one not itself rolled back; 409 when there is none.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    public static async Task<Results<Ok<DeployRulesResponse>, ValidationProblem, ProblemHttpResult>> DeployRules(
        HttpRequest request, RuleDeployer deployer, IOptions<TriggerFlowOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.TryReadAsync<DeployRulesRequest>(request, options.Value.MaxRequestBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (Validate(body!) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var outcome = await deployer.DeployAsync(ToPackage(body!), DeployedBy(request), origin: "api", cancellationToken);
        if (outcome.Receipt is not { } receipt)
        {
            return RulesHaveErrors(outcome.Compilation);
        }

        var plans = outcome.Compilation.Plans!;
        return TypedResults.Ok(new DeployRulesResponse(plans.Version, receipt.Active.Number, receipt.Unchanged, RuleSummary.Of(plans)));
    }

    public static async Task<Ok<RulesStatusResponse>> GetRules(IGrainFactory grains)
    {
        var registry = DeploymentRegistry.Get(grains);
        var active = await registry.GetActive();
        var history = await registry.GetHistory();
        var activeView = active is null ? null : View(active.Record, PlanJson.TryDeserialize(active.PlanSetJson, out var plans, out _) ? RuleSummary.Of(plans) : []);
        var previous = history.Where(d => d.Number != active?.Record.Number).Reverse().Select(d => View(d, [])).ToList();
        return TypedResults.Ok(new RulesStatusResponse(activeView, previous));
    }

    public static async Task<Results<Ok<RollbackResponse>, ProblemHttpResult>> Rollback(
        HttpRequest request, RuleDeployer deployer, CancellationToken cancellationToken)
    {
        var receipt = await deployer.RollbackAsync(DeployedBy(request), cancellationToken);
        if (receipt is not { Replaced: { } from })
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "There is no earlier deployment to roll back to",
                detail: "Every deployment before the active one has been rolled back already, or the active one is the first.");
        }

        return TypedResults.Ok(new RollbackResponse(receipt.Active.Version, receipt.Active.Number, from.Version));
    }

    /// <summary>
    /// The request body for the OpenAPI document. Not <c>Accepts&lt;T&gt;()</c>: its metadata also filters
    /// routing, which would answer a wrong content type with an empty 415 instead of problem details.
    /// </summary>
    private static async Task DescribeRequestBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(DeployRulesRequest), null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    private static Dictionary<string, string[]> Validate(DeployRulesRequest body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Files.Any(f => f is null))
        {
            errors["files"] = ["a file is `null`"];
            return errors;
        }

        var paths = body.Files.Select(f => f.Path).Append(body.Catalog.Path).ToList();
        if (paths.Any(string.IsNullOrWhiteSpace))
        {
            errors["path"] = ["every file needs a path"];
        }
        else if (paths.Distinct(StringComparer.Ordinal).Count() != paths.Count)
        {
            errors["path"] = ["two files have the same path"];
        }

        if (body.Files.FirstOrDefault(f => !f.Path.EndsWith(RuleWorkspace.Extension, StringComparison.Ordinal)) is { } stray)
        {
            errors["files"] = [$"`{stray.Path}` is not a {RuleWorkspace.Extension} file"];
        }

        return errors;
    }

    private static RulePackage ToPackage(DeployRulesRequest body) =>
        new(new SourceFile(body.Catalog.Path, body.Catalog.Text), [.. body.Files.Select(f => new SourceFile(f.Path, f.Text))]);

    private static ProblemHttpResult RulesHaveErrors(PackageCompilation compilation) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The rules have errors; nothing was deployed",
            Detail = DiagnosticRenderer.Summary(compilation.Diagnostics),
            Extensions =
            {
                ["diagnostics"] = JsonSerializer.Deserialize<JsonElement>(compilation.DiagnosticsJson),
                ["text"] = compilation.DiagnosticsText,
            },
        });

    private static string DeployedBy(HttpRequest request)
    {
        var named = request.Headers[DeployedByHeader].ToString();
        return named.Length is > 0 and <= 200 ? named : $"admin key from {request.HttpContext.Connection.RemoteIpAddress}";
    }

    private static DeploymentView View(DeploymentRecord record, IReadOnlyList<RuleSummary> rules) =>
        new(record.Number, record.Version, record.DeployedAt, record.DeployedBy, record.Origin, record.RolledBackAt, record.RolledBackBy, rules);
}
