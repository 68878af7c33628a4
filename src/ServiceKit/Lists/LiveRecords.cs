using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Concordat.ServiceKit;

/// <summary>
/// Every live record of a table in id order, read a page at a time (keyset on the primary key, untracked), so a
/// whole-registry document is written while it is read and memory stays flat whatever the registry's size.
/// </summary>
public static class LiveRecords
{
    public const int PageSize = 1000;

    /// <summary>The live records of <paramref name="source"/> by id, as <paramref name="select"/> projects them.</summary>
    public static async IAsyncEnumerable<TOut> ReadAsync<T, TOut>(
        IQueryable<T> source, Expression<Func<T, TOut>> select, Func<TOut, Guid> idOf, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : VersionedRecord
    {
        await foreach (var page in ReadPagesAsync(source, select, idOf, cancellationToken))
        {
            foreach (var row in page)
            {
                yield return row;
            }
        }
    }

    /// <summary>The same, a page at a time, for a caller that looks up what a whole page refers to in one query.</summary>
    public static async IAsyncEnumerable<List<TOut>> ReadPagesAsync<T, TOut>(
        IQueryable<T> source, Expression<Func<T, TOut>> select, Func<TOut, Guid> idOf, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : VersionedRecord
    {
        Guid? after = null;
        while (true)
        {
            var page = await Page(source, after).Select(select).ToListAsync(cancellationToken);
            if (page.Count > 0)
            {
                yield return page;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = idOf(page[^1]);
        }
    }

    /// <summary>The page of live records after <paramref name="after"/> (from the first when null), by id: a read of the primary key's index.</summary>
    public static IQueryable<T> Page<T>(IQueryable<T> source, Guid? after)
        where T : VersionedRecord
    {
        var live = source.AsNoTracking().Where(r => r.RemovedAt == null);
        if (after is { } a)
        {
            live = live.Where(r => r.Id.CompareTo(a) > 0);
        }

        return live.OrderBy(r => r.Id).Take(PageSize);
    }

    /// <summary>The live records themselves, by id.</summary>
    public static IAsyncEnumerable<T> ReadAsync<T>(IQueryable<T> source, CancellationToken cancellationToken)
        where T : VersionedRecord =>
        ReadAsync(source, r => r, r => r.Id, cancellationToken);
}
