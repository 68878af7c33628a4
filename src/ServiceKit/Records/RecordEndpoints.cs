using Microsoft.EntityFrameworkCore;

namespace Concordat.ServiceKit;

/// <summary>
/// The shape every versioned record's endpoints share: lock and find the live record (404 otherwise), check <c>If-Match</c>,
/// apply the change (which may refuse with a problem), save (409 when another change won), answer with the new ETag.
/// The record's row stays locked (<see cref="RowLocks"/>) from before the change's checks until commit, so a check
/// that reads what depends on it (a seat's holders, a person's memberships) cannot be overtaken by a new dependant.
/// These answer <c>IResult</c>, for handlers that do; <see cref="RecordResults"/> takes the same steps with typed answers.
/// </summary>
public static class RecordEndpoints
{
    public static async Task<IResult> GetAsync<T, TOut>(
        IQueryable<T> records, Guid id, HttpContext context, Func<T, TOut> respond, CancellationToken cancellationToken)
        where T : VersionedRecord =>
        await RecordResults.GetAsync(records, id, context, respond, cancellationToken);

    /// <summary>Changes a record under <c>If-Match</c>; <paramref name="change"/> returns a problem to refuse, or null.</summary>
    public static async Task<IResult> ChangeAsync<T, TOut>(
        DbContext db, Guid id, HttpContext context, Func<T, Task<IResult?>> change, Func<T, TOut> respond, CancellationToken cancellationToken)
        where T : VersionedRecord
    {
        var (record, refused) = await ChangeCoreAsync(db, id, context, change, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        Versioning.Tag(context, record!);
        return TypedResults.Ok(respond(record!));
    }

    private static async Task<(T? Record, IResult? Refused)> ChangeCoreAsync<T>(
        DbContext db, Guid id, HttpContext context, Func<T, Task<IResult?>> change, CancellationToken cancellationToken)
        where T : VersionedRecord
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RowLocks.ForUpdateAsync<T>(db, id, cancellationToken);
        var record = await db.Set<T>().SingleOrDefaultAsync(r => r.Id == id && r.RemovedAt == null, cancellationToken);
        if (record is null)
        {
            return (null, TypedResults.NotFound());
        }

        if ((Versioning.Precondition(context, record) ?? await change(record)) is { } refused)
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
