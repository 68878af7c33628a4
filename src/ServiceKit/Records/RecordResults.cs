using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.ServiceKit;

/// <summary>
/// The shape every versioned record's endpoints share: lock and find the live record (404 otherwise), check
/// <c>If-Match</c>, apply the change (which may refuse), save (409 when another change won), answer with the new ETag.
/// The record's row stays locked (<see cref="RowLocks"/>) from before the change's checks until commit, so a check that
/// reads what depends on it (a seat's holders, a person's memberships) cannot be overtaken by a new dependant. Handlers
/// return these as their <c>Results&lt;…&gt;</c>, so the OpenAPI operation says every answer. A refusal is a <see cref="Refusal"/>: a field error or a problem, nothing else.
/// What the types cannot say, an endpoint still declares: a <c>ProblemHttpResult</c>'s status (<c>.ProducesProblem(409)</c>,
/// <c>(428)</c>), and that a 404 has a problem body (<c>NotFound</c> declares none; the status-code pages write one).
/// </summary>
public static class RecordResults
{
    public static async Task<Results<Ok<TOut>, NotFound>> GetAsync<T, TOut>(
        IQueryable<T> records, Guid id, HttpContext context, Func<T, TOut> respond, CancellationToken cancellationToken)
        where T : VersionedRecord
    {
        var record = await records.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.RemovedAt == null, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        Versioning.Tag(context, record);
        return TypedResults.Ok(respond(record));
    }

    /// <summary>Changes a record under <c>If-Match</c>; <paramref name="change"/> returns a refusal, or null.</summary>
    public static async Task<Results<Ok<TOut>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeAsync<T, TOut>(
        DbContext db, Guid id, HttpContext context, Func<T, Task<Refusal?>> change, Func<T, TOut> respond, CancellationToken cancellationToken)
        where T : VersionedRecord
    {
        var (record, refused) = await ChangeCoreAsync(db, id, context, change, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        if (refused is not null)
        {
            return refused.As<Ok<TOut>>();
        }

        Versioning.Tag(context, record);
        return TypedResults.Ok(respond(record));
    }

    /// <summary>Removes a record under <c>If-Match</c>, leaving a tombstone; <paramref name="refuse"/> may keep it (a 409 saying why).</summary>
    public static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> RemoveAsync<T>(
        DbContext db, Guid id, HttpContext context, TimeProvider time, Func<T, Task<ProblemHttpResult?>> refuse, CancellationToken cancellationToken)
        where T : VersionedRecord
    {
        var (record, refused) = await ChangeCoreAsync<T>(db, id, context, async record =>
        {
            if (await refuse(record) is { } kept)
            {
                return kept;
            }

            record.Remove(time.GetUtcNow());
            return null;
        }, cancellationToken);
        return record is null ? TypedResults.NotFound()
            : refused is not null ? refused.As<NoContent>()
            : TypedResults.NoContent();
    }

    /// <summary>For a removal nothing can stand in the way of.</summary>
    public static Task<ProblemHttpResult?> NothingInTheWay<T>(T record) => Task.FromResult<ProblemHttpResult?>(null);

    /// <summary>The record (null when there is none live) and why the change was refused (null when it was saved).</summary>
    private static async Task<(T? Record, Refusal? Refused)> ChangeCoreAsync<T>(
        DbContext db, Guid id, HttpContext context, Func<T, Task<Refusal?>> change, CancellationToken cancellationToken)
        where T : VersionedRecord
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RowLocks.ForUpdateAsync<T>(db, id, cancellationToken);
        var record = await db.Set<T>().SingleOrDefaultAsync(r => r.Id == id && r.RemovedAt == null, cancellationToken);
        if (record is null)
        {
            return (null, null);
        }

        if ((Versioning.Check(context, record) ?? await change(record)) is { } refused)
        {
            return (record, refused);
        }

        if (await Versioning.SaveAsync(db, cancellationToken) is { } stale)
        {
            return (record, stale);
        }

        await transaction.CommitAsync(cancellationToken);
        return (record, null);
    }
}
