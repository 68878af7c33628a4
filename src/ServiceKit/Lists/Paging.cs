using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concordat.ServiceKit;

/// <summary>
/// The paging and sync parameters every list takes: <c>limit</c> (1–200, default 50), <c>cursor</c>
/// (from the previous page's <c>next</c>) and <c>modified_since</c> (an instant: only records changed after
/// it, removed ones as tombstones, oldest change first — what another instance or a partner needs to sync).
/// </summary>
public sealed class ListQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    [FromQuery(Name = "modified_since")]
    public DateTimeOffset? ModifiedSince { get; init; }
}

/// <summary>A removed record, so a syncing reader can drop its copy.</summary>
public sealed record Tombstone(Guid Id, DateTimeOffset RemovedAt, string Reason);

/// <summary>One page of a list. <c>next</c> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, IReadOnlyList<Tombstone>? Tombstones, string? Next);

public static class Paging
{
    // The cursor's order letters: live records by creation, or (with modified_since) all records by change.
    private const char CreationOrder = 'c';
    private const char ChangeOrder = 's';

    /// <summary>
    /// Reads one page of <paramref name="source"/> (already filtered): live records in creation order, or, with
    /// <c>modified_since</c>, every record changed since then in order of change, those <paramref name="tombstone"/>
    /// says are gone as tombstones. Bad paging input is a 400 problem. Typed, so a handler's <c>Results&lt;…&gt;</c>
    /// documents the page and the 400.
    /// </summary>
    public static async Task<Results<Ok<Page<TOut>>, ValidationProblem>> PageAsync<T, TOut>(
        IQueryable<T> source, ListQuery query, Func<T, TOut> map, CancellationToken cancellationToken, Func<T, Tombstone?>? tombstone = null)
        where T : VersionedRecord
    {
        var limit = query.Limit ?? ListQuery.DefaultLimit;
        if (limit is < 1 or > ListQuery.MaxLimit)
        {
            return Invalid("limit", $"limit must be between 1 and {ListQuery.MaxLimit}.");
        }

        var sync = query.ModifiedSince is not null;
        (DateTimeOffset At, Guid Id)? after = null;
        if (query.Cursor is { } cursor)
        {
            if (KeysetCursor.Parse(cursor, sync ? ChangeOrder : CreationOrder) is not { } decoded)
            {
                return Invalid("cursor", "The cursor is not one this list gave out (or was given with a different modified_since).");
            }

            after = (decoded.At, decoded.Id);
        }

        List<T> rows;
        if (sync)
        {
            var since = query.ModifiedSince!.Value.ToUniversalTime();
            var changed = source.Where(r => r.UpdatedAt > since);
            if (after is { } a)
            {
                changed = changed.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.UpdatedAt, r.Id), ValueTuple.Create(a.At, a.Id)));
            }

            rows = await changed.OrderBy(r => r.UpdatedAt).ThenBy(r => r.Id).Take(limit + 1).AsNoTracking().ToListAsync(cancellationToken);
        }
        else
        {
            var live = source.Where(r => r.RemovedAt == null);
            if (after is { } a)
            {
                live = live.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.CreatedAt, r.Id), ValueTuple.Create(a.At, a.Id)));
            }

            rows = await live.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(limit + 1).AsNoTracking().ToListAsync(cancellationToken);
        }

        var more = rows.Count > limit;
        var page = rows.Take(limit).ToList();
        string? next = null;
        if (more)
        {
            var last = page[^1];
            next = new KeysetCursor(sync ? ChangeOrder : CreationOrder, sync ? last.UpdatedAt : last.CreatedAt, last.Id).ToString();
        }

        if (!sync)
        {
            return TypedResults.Ok(new Page<TOut>([.. page.Select(map)], null, next));
        }

        var gone = page.Select(r => (Record: r, Tombstone: r.RemovedAt is { } removed ? new Tombstone(r.Id, removed, "removed") : tombstone?.Invoke(r))).ToList();
        return TypedResults.Ok(new Page<TOut>(
            [.. gone.Where(g => g.Tombstone is null).Select(g => map(g.Record))],
            [.. gone.Where(g => g.Tombstone is not null).Select(g => g.Tombstone!)],
            next));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
