using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TriggerFlow.Input;
using TriggerFlow.Runtime.Ingestion.Requests;
using TriggerFlow.Runtime.Operations;

namespace TriggerFlow.Runtime.Ingestion.Quarantine;

/// <summary>
/// <c>/api/ingestion/quarantine</c>: list, download, replay and discard the unusable items the
/// ingestion endpoints kept. Admin key required: the items hold customers' data.
/// </summary>
internal static partial class QuarantineApi
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1_000;

    /// <summary>Ids are 32 hex digits; anything much longer is not one.</summary>
    private const int MaxIdLength = 64;

    public static IEndpointRouteBuilder MapQuarantineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/ingestion/quarantine").WithTags("Ingestion operations").RequireAdminKey()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapGet("/", List)
            .WithName("ListQuarantine")
            .WithSummary("Unusable items kept in the quarantine, oldest first, with their reasons")
            .WithDescription("Pages of at most `limit` items (default 100, at most 1,000) after the cursor `after` (the `next` of the previous page). Filters: `reason` (text in an error's field or message), `event` (the posted event name), `source`. The answer also gives the quarantine's size and limits.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/download", Download)
            .WithName("DownloadQuarantine")
            .WithSummary("The quarantined items as posted, one JSON object per line (JSON Lines)")
            .WithDescription("Takes the same filters as the list. Each line is an item's posted JSON, compacted to one line.")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson");

        api.MapGet("/{id}", Get)
            .WithName("GetQuarantinedItem")
            .WithSummary("One quarantined item, with its posted JSON")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/replay", Replay)
            .WithName("ReplayQuarantine")
            .WithSummary("Run quarantined items through ingestion again, against the active catalog")
            .WithDescription("Without a body (or with `{}`) every item; with `ids`, those; with `reason`, `event` or `source`, the items those filters match. Each item goes through its endpoint's mapper, as of the time it was received, and then to its customer; items that now map leave the quarantine, the others stay and the answer says why. Deploy the fixed catalog first (`POST /api/rules`).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapDelete("/{id}", Discard)
            .WithName("DiscardQuarantinedItem")
            .WithSummary("Discard one quarantined item")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/", DiscardMany)
            .WithName("DiscardQuarantine")
            .WithSummary("Discard quarantined items: `?id=…&id=…`, or every item with `?all=true`")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        return app;
    }

    public static async Task<Results<Ok<QuarantinePage>, ProblemHttpResult>> List(
        ItemQuarantine quarantine, IOptions<QuarantineOptions> options, CancellationToken cancellation,
        string? reason = null, string? @event = null, string? source = null, long after = 0, int limit = DefaultPageSize)
    {
        if (limit is < 1 or > MaxPageSize || after < 0)
        {
            return Invalid($"`limit` must be 1 to {MaxPageSize:N0} and `after` at least 0");
        }

        var (entries, next) = await quarantine.PageAsync(new QuarantineFilter(reason, @event, source), after, limit, cancellation);
        var size = await quarantine.Store.SizeAsync();
        var limits = options.Value;
        return TypedResults.Ok(new QuarantinePage(
            [.. entries.Select(QuarantinedItem.From)],
            next,
            size,
            new QuarantineLimitsView(limits.MaxItems, limits.MaxBytes, limits.MaxItemBytes)));
    }

    public static async Task Download(HttpContext context, ItemQuarantine quarantine, string? reason = null, string? @event = null, string? source = null)
    {
        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"quarantine.jsonl\"";
        var cancellation = context.RequestAborted;
        await foreach (var entry in quarantine.ScanAsync(new QuarantineFilter(reason, @event, source), 0, withRaw: true, cancellation))
        {
            await context.Response.Body.WriteAsync(Line(entry.RawJson!), cancellation);
        }
    }

    public static async Task<Results<Ok<QuarantinedItem>, ProblemHttpResult>> Get(string id, ItemQuarantine quarantine)
    {
        if (id.Length > MaxIdLength || (await quarantine.Store.FindAsync([id])) is not [var entry])
        {
            return NotFound(id);
        }

        return TypedResults.Ok(QuarantinedItem.From(entry) with { Item = JsonSerializer.Deserialize<JsonElement>(entry.RawJson!) });
    }

    public static async Task<Results<Ok<ReplayReport>, ProblemHttpResult>> Replay(
        HttpContext context, QuarantineReplay replay, IOptions<QuarantineOptions> options, ILogger<QuarantineReplay> logger,
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] ReplayRequest? request)
    {
        if (request?.Ids is { } ids && (ids.Count > options.Value.MaxItems || ids.Any(i => i is null || i.Length > MaxIdLength)))
        {
            return Invalid($"`ids` must hold at most {options.Value.MaxItems:N0} quarantine ids (as the list gives them)");
        }

        var selection = new ReplaySelection(request?.Ids, new QuarantineFilter(request?.Reason, request?.Event, request?.Source));
        try
        {
            return TypedResults.Ok(await replay.ReplayAsync(selection, context.RequestAborted));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReplayFailed(logger, e);

            // Items replayed before the failure have left the quarantine; the rest stay. A retry is safe: message ids make repeats duplicates.
            return IngestionProblems.Failed(context);
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Discard(string id, ItemQuarantine quarantine) =>
        id.Length <= MaxIdLength && await quarantine.Store.RemoveAsync([id]) == 1 ? TypedResults.NoContent() : NotFound(id);

    public static async Task<Results<Ok<DiscardReport>, ProblemHttpResult>> DiscardMany(ItemQuarantine quarantine, IOptions<QuarantineOptions> options, string[]? id = null, bool all = false)
    {
        if (all == (id is { Length: > 0 }))
        {
            return Invalid("name the items to discard with `?id=…` (repeatable), or discard every item with `?all=true`; not both");
        }

        if (id is { } ids && (ids.Length > options.Value.MaxItems || ids.Any(i => i.Length > MaxIdLength)))
        {
            return Invalid($"at most {options.Value.MaxItems:N0} quarantine ids per request");
        }

        return TypedResults.Ok(new DiscardReport(all ? await quarantine.Store.ClearAsync() : await quarantine.Store.RemoveAsync(id!)));
    }

    private static ReadOnlyMemory<byte> Line(string raw)
    {
        // Posted JSON may span lines; JSON Lines needs each item on one.
        using var document = JsonDocument.Parse(raw);
        var buffer = new ArrayBufferWriter<byte>(raw.Length + 1);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.RootElement.WriteTo(writer);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenMemory;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A quarantine replay failed part way; the items it had replayed left the quarantine, the others stay; answered 503")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception);

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such quarantined item",
        detail: $"`{(id.Length <= MaxIdLength ? id : id[..MaxIdLength] + "…")}` is not in the quarantine: it was replayed or discarded, or the id is wrong; `GET /api/ingestion/quarantine` lists the ids");

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: detail, type: IngestionProblems.InvalidInput);
}

/// <summary>The body of a replay; every member optional. No member (or no body) replays every item.</summary>
/// <param name="Ids">Replay these items only (ids from the list).</param>
/// <param name="Reason">Replay the items with this text in an error's field or message.</param>
/// <param name="Event">Replay the items that posted this event name.</param>
/// <param name="Source">Replay the items from this source.</param>
internal sealed record ReplayRequest(IReadOnlyList<string>? Ids, string? Reason, string? Event, string? Source);

/// <summary>A page of the quarantine.</summary>
/// <param name="Next">The cursor for the next page (<c>?after=</c>); null on the last page.</param>
/// <param name="Size">What the quarantine holds in all.</param>
/// <param name="Limits">Its configured bounds.</param>
internal sealed record QuarantinePage(IReadOnlyList<QuarantinedItem> Items, long? Next, QuarantineSize Size, QuarantineLimitsView Limits);

/// <summary>The quarantine's bounds (<c>TriggerFlow:Ingestion:Quarantine</c>).</summary>
internal sealed record QuarantineLimitsView(int MaxItems, long MaxBytes, int MaxItemBytes);

/// <summary>One quarantined item.</summary>
/// <param name="Id">Its id, for replay and discard.</param>
/// <param name="Sequence">Its place in arrival order (the list's cursor).</param>
/// <param name="Format"><c>segment</c> or <c>cloudevents</c>.</param>
/// <param name="Call">The Segment call its endpoint implied (<c>track</c> for <c>/v1/track</c>); null when the item names its own.</param>
/// <param name="Event">The event or call name it posted.</param>
/// <param name="Errors">Why it is unusable, by field within the item.</param>
/// <param name="Size">Bytes of its posted JSON.</param>
/// <param name="Item">Its posted JSON (one item only; the list leaves it out).</param>
internal sealed record QuarantinedItem(
    string Id,
    long Sequence,
    string Source,
    string Format,
    string? Call,
    DateTimeOffset ReceivedAt,
    string MessageId,
    string? Event,
    IReadOnlyList<FieldError> Errors,
    int Size,
    JsonElement? Item)
{
    public static QuarantinedItem From(QuarantineEntry entry) => new(
        entry.Id, entry.Sequence, entry.Source, QuarantineEntry.FormatName(entry.Format), entry.Call, entry.ReceivedAt, entry.MessageId, entry.Event, entry.Errors, entry.Size, null);
}

/// <summary>How many items a discard removed.</summary>
internal sealed record DiscardReport(int Removed);
