using System.Globalization;
using System.Text.Json;
using Concordat.ServiceDefaults;
using Concordat.ServiceKit;
using Concordat.ServiceDefaults.Access;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Concordat.Audit;

/// <summary>
/// A service's audit trail, for platform administrators: who changed which record, when, on whose behalf and
/// how. JSON pages by default; <c>Accept: text/csv</c> (or <c>{prefix}/audit.csv</c>) streams every entry in
/// the range as CSV, for an auditor's spreadsheet. Each service exports its own trail, from its own database.
/// </summary>
public static class AuditExport
{
    public const string CsvMediaType = CsvTable.MediaType;

    public const int DefaultLimit = ListQuery.DefaultLimit;
    public const int MaxLimit = ListQuery.MaxLimit;

    /// <summary>The cursor's order letter: entries by when they happened.</summary>
    private const char AuditOrder = 'a';

    /// <summary>Entries read from the database at a time while streaming CSV.</summary>
    private const int CsvBatch = 1000;

    private static readonly string[] CsvFields =
    [
        "id", "occurred_at", "subject", "roles", "organisation", "auth_method", "operation", "trace_id", "correlation_id",
        "record_type", "record_id", "action", "changes",
    ];

    /// <summary>
    /// Maps <c>GET {prefix}/audit</c> and <c>GET {prefix}/audit.csv</c> (e.g. <c>/api/cycle/audit</c>) over the
    /// <c>audit_entries</c> of <typeparamref name="TDbContext"/>, for <c>platform_admin</c> only.
    /// </summary>
    public static IEndpointRouteBuilder MapAuditExport<TDbContext>(this IEndpointRouteBuilder app, string prefix)
        where TDbContext : DbContext
    {
        var audit = app.MapGroup(prefix).WithTags("Audit trail").RequireRoles(ConcordatRoles.PlatformAdmin);
        // The context is resolved here, not bound as a handler parameter: ASP.NET Core's route handler analyzer
        // crashes (AD0001) on a parameter whose type is a type parameter (dotnet/aspnetcore#56831).
        audit.MapGet("/audit", ([AsParameters] AuditQuery query, HttpContext context, CancellationToken cancellationToken) =>
                ExportAuditTrail(query, context.RequestServices.GetRequiredService<TDbContext>(), context, cancellationToken))
            .WithName(nameof(ExportAuditTrail))
            .Produces<AuditPage>(StatusCodes.Status200OK, "application/json", CsvMediaType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        audit.MapGet("/audit.csv", ([AsParameters] AuditQuery query, HttpContext context, CancellationToken cancellationToken) =>
                ExportAuditTrailAsCsv(query, context.RequestServices.GetRequiredService<TDbContext>(), context, cancellationToken))
            .WithName(nameof(ExportAuditTrailAsCsv))
            .Produces(StatusCodes.Status200OK, contentType: CsvMediaType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>One page of entries, oldest first, or (asked for CSV) the whole range.</summary>
    public static Task<IResult> ExportAuditTrail(AuditQuery query, DbContext db, HttpContext context, CancellationToken cancellationToken) =>
        WantsCsv(context.Request)
            ? ExportAuditTrailAsCsv(query, db, context, cancellationToken)
            : PageAsync(query, db, cancellationToken);

    /// <summary>
    /// Every entry the filters select, oldest first, as CSV (paging parameters are not used). The filters are checked
    /// before the response starts; a failure after it has started aborts the response (<see cref="StreamOrAbortAsync"/>).
    /// </summary>
    public static Task<IResult> ExportAuditTrailAsCsv(AuditQuery query, DbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var (entries, invalid) = Filter(query, db);
        if (invalid is not null)
        {
            return Task.FromResult(invalid);
        }

        IResult csv = TypedResults.Stream(
            stream => StreamOrAbortAsync(context, () => WriteCsvAsync(entries!, stream, cancellationToken)),
            $"{CsvMediaType}; charset=utf-8",
            "audit.csv");
        return Task.FromResult(csv);
    }

    private static async Task<IResult> PageAsync(AuditQuery query, DbContext db, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
        }

        var (entries, invalid) = Filter(query, db);
        if (invalid is not null)
        {
            return invalid;
        }

        if (query.Cursor is { } cursor)
        {
            if (KeysetCursor.Parse(cursor, AuditOrder) is not { } after)
            {
                return Invalid("cursor", "The cursor is not one this list gave out.");
            }

            entries = entries!.Where(a => EF.Functions.GreaterThan(ValueTuple.Create(a.OccurredAt, a.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await entries!.OrderBy(a => a.OccurredAt).ThenBy(a => a.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new KeysetCursor(AuditOrder, page[^1].OccurredAt, page[^1].Id).ToString() : null;
        return TypedResults.Ok(new AuditPage([.. page.Select(AuditEntryResponse.From)], next));
    }

    private static (IQueryable<AuditEntry>? Entries, IResult? Invalid) Filter(AuditQuery query, DbContext db)
    {
        if (query.Since is { } since && query.Until is { } until && until < since)
        {
            return (null, Invalid("until", "until must not be before since."));
        }

        if (query.RecordId is not null && query.RecordType is null)
        {
            return (null, Invalid("record_id", "record_id needs record_type too (ids are unique within a type)."));
        }

        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (query.Since is { } from)
        {
            var at = from.ToUniversalTime();
            entries = entries.Where(a => a.OccurredAt >= at);
        }

        if (query.Until is { } to)
        {
            var at = to.ToUniversalTime();
            entries = entries.Where(a => a.OccurredAt < at);
        }

        if (!string.IsNullOrWhiteSpace(query.Subject))
        {
            var subject = query.Subject.Trim();
            entries = entries.Where(a => a.Subject == subject);
        }

        if (!string.IsNullOrWhiteSpace(query.RecordType))
        {
            var type = query.RecordType.Trim().ToLowerInvariant();
            entries = entries.Where(a => a.RecordType == type);
        }

        if (!string.IsNullOrWhiteSpace(query.RecordId))
        {
            var id = query.RecordId.Trim();
            entries = entries.Where(a => a.RecordId == id);
        }

        return (entries, null);
    }

    /// <summary>
    /// Writes a streamed answer; if writing fails after the status and some rows have gone, the response is aborted
    /// (HTTP/1.1: the connection closes without the last chunk; HTTP/2: the stream is reset), so a client sees a failed
    /// download rather than a short file that ended cleanly. The failure is rethrown for the host to log.
    /// </summary>
    public static async Task StreamOrAbortAsync(HttpContext context, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception) when (context.Response.HasStarted)
        {
            context.Abort();
            throw;
        }
    }

    private static async Task WriteCsvAsync(IQueryable<AuditEntry> entries, Stream body, CancellationToken cancellationToken)
    {
        await using var writer = CsvWriter.Create(body, CsvTable.WriterOptions, leaveOpen: true);
        writer.WriteHeader(CsvFields);
        (DateTimeOffset At, Guid Id)? after = null;
        while (true)
        {
            var batch = entries;
            if (after is { } a)
            {
                batch = batch.Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.OccurredAt, e.Id), ValueTuple.Create(a.At, a.Id)));
            }

            var rows = await batch.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Take(CsvBatch).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                await writer.WriteRecordAsync(
                    [.. Cells(row).Select(SpreadsheetText.Protect)],
                    cancellationToken);
            }

            if (rows.Count < CsvBatch)
            {
                break;
            }

            after = (rows[^1].OccurredAt, rows[^1].Id);
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static string?[] Cells(AuditEntry entry) =>
    [
        entry.Id.ToString(),
        entry.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
        entry.Subject,
        ListCell.Write(entry.Roles.Select(r => (IReadOnlyList<string?>)[r])),
        entry.Organisation,
        entry.AuthMethod,
        entry.Operation,
        entry.TraceId,
        entry.CorrelationId,
        entry.RecordType,
        entry.RecordId,
        entry.Action,
        entry.Changes,
    ];

    private static bool WantsCsv(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase));

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>
/// The audit export's filters: <c>since</c> (inclusive) and <c>until</c> (exclusive) instants, <c>subject</c>,
/// <c>record_type</c> (<c>person</c>, <c>known_body</c>, …) and <c>record_id</c>; <c>limit</c> and <c>cursor</c> page the JSON.
/// </summary>
public sealed class AuditQuery
{
    [FromQuery(Name = "since")]
    public DateTimeOffset? Since { get; init; }

    [FromQuery(Name = "until")]
    public DateTimeOffset? Until { get; init; }

    [FromQuery(Name = "subject")]
    public string? Subject { get; init; }

    [FromQuery(Name = "record_type")]
    public string? RecordType { get; init; }

    [FromQuery(Name = "record_id")]
    public string? RecordId { get; init; }

    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}

/// <summary>One page of the audit trail. <c>next</c> is null on the last page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, string? Next);

/// <summary>An audit entry as exported; <c>changes</c> maps each changed property to its old and new value.</summary>
public sealed record AuditEntryResponse(
    Guid Id,
    DateTimeOffset OccurredAt,
    string Subject,
    IReadOnlyList<string> Roles,
    string? Organisation,
    string? AuthMethod,
    string Operation,
    string? TraceId,
    string? CorrelationId,
    string RecordType,
    string RecordId,
    string Action,
    JsonElement Changes)
{
    public static AuditEntryResponse From(AuditEntry a) => new(
        a.Id, a.OccurredAt, a.Subject, a.Roles, a.Organisation, a.AuthMethod, a.Operation, a.TraceId, a.CorrelationId,
        a.RecordType, a.RecordId, a.Action, JsonSerializer.Deserialize<JsonElement>(a.Changes));
}
