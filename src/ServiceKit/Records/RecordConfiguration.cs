using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.ServiceKit;

public static class RecordConfiguration
{
    /// <summary>Key, row version and the two keyset indexes every versioned record shares.</summary>
    public static void ConfigureRecord<T>(this EntityTypeBuilder<T> record)
        where T : VersionedRecord
    {
        record.HasKey(r => r.Id);
        record.Property(r => r.Id).ValueGeneratedNever();
        record.Property(r => r.Version).IsRowVersion();
        record.Ignore(r => r.IsRemoved);
        // modified_since reads walk this index in (updated_at, id) order.
        record.HasIndex(r => new { r.UpdatedAt, r.Id });
        // Lists walk live records in (created_at, id) order (Paging.PageAsync): this index is that order, so a page
        // reads limit + 1 index entries at any depth instead of reading and sorting the whole table.
        record.HasIndex(r => new { r.CreatedAt, r.Id }).HasFilter("removed_at IS NULL");
    }

    /// <summary>
    /// A trigram index on a searched name, so <see cref="NameSearch"/>'s <c>ILIKE '%text%'</c> is answered from the
    /// index rather than by reading every row (pg_trgm, declared by the context).
    /// </summary>
    public static void HasNameSearchIndex<T>(this EntityTypeBuilder<T> record, System.Linq.Expressions.Expression<Func<T, object?>> name)
        where T : VersionedRecord =>
        record.HasIndex(name).HasMethod("gin").HasOperators("gin_trgm_ops");
}
