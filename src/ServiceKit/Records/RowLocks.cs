using Microsoft.EntityFrameworkCore;

namespace Concordat.ServiceKit;

/// <summary>
/// Row locks that make a rule's check and the write it guards one step. A rule that reads a parent record (a seat's
/// places, a body's status, whether a person or an organisation is live) holds the parent's row for the rest of the
/// transaction: <c>FOR UPDATE</c> by whoever changes or removes the parent, <c>FOR SHARE</c> by whoever only relies on it
/// (a membership relies on its body, person and organisation). So a removal and a new reference to the same record, or
/// a seat cut and a new holder, take turns, and the second sees what the first committed. Call inside a transaction.
/// Take locks in one order within a service (the registry's: body, seat, person, organisation), so two changes never deadlock.
/// </summary>
public static class RowLocks
{
#pragma warning disable EF1003 // Only the table name is concatenated, and it comes from the model, never from input.
    /// <summary>Locks the record for a change or removal: anyone relying on it waits, and it waits for them.</summary>
    public static Task ForUpdateAsync<T>(DbContext db, Guid id, CancellationToken cancellationToken)
        where T : VersionedRecord =>
        db.Database.ExecuteSqlRawAsync("SELECT 1 FROM " + Table<T>(db) + " WHERE id = {0} FOR UPDATE", [id], cancellationToken);

    /// <summary>Holds records a change relies on (references), so none is removed or changed until it commits.</summary>
    public static Task ForShareAsync<T>(DbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
        where T : VersionedRecord
    {
        var distinct = ids.Distinct().Order().ToArray();
        return distinct.Length == 0
            ? Task.CompletedTask
            : db.Database.ExecuteSqlRawAsync("SELECT 1 FROM " + Table<T>(db) + " WHERE id = ANY({0}) ORDER BY id FOR SHARE", [distinct], cancellationToken);
    }

#pragma warning restore EF1003

    /// <summary>The quoted table name, from the model (never from input).</summary>
    private static string Table<T>(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var schema = entity.GetSchema();
        return (schema is null ? "" : $"\"{schema}\".") + $"\"{entity.GetTableName()}\"";
    }
}
