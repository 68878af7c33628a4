using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.ServiceKit;

public static class RecordConfiguration
{
    /// <summary>Key, row version and the sync index every versioned record shares.</summary>
    public static void ConfigureRecord<T>(this EntityTypeBuilder<T> record)
        where T : VersionedRecord
    {
        record.HasKey(r => r.Id);
        record.Property(r => r.Id).ValueGeneratedNever();
        record.Property(r => r.Version).IsRowVersion();
        record.Ignore(r => r.IsRemoved);
        // modified_since reads walk this index in (updated_at, id) order.
        record.HasIndex(r => new { r.UpdatedAt, r.Id });
    }
}
