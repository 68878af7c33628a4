using Microsoft.EntityFrameworkCore;

namespace Concordat.Audit;

/// <summary>Adds the audit trail table to a service's model.</summary>
public static class AuditModelBuilderExtensions
{
    public const string AuditTable = "audit_entries";

    /// <summary>Call from <c>OnModelCreating</c> of every service's DbContext, beside <c>AddOutboxAndInbox</c>.</summary>
    public static ModelBuilder AddAuditTrail(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable(AuditTable);
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Id).ValueGeneratedNever();
            audit.Property(a => a.Subject).HasMaxLength(300);
            audit.Property(a => a.Roles).HasColumnType("text[]");
            audit.Property(a => a.Organisation).HasMaxLength(300);
            audit.Property(a => a.AuthMethod).HasMaxLength(50);
            audit.Property(a => a.Operation).HasMaxLength(500);
            audit.Property(a => a.TraceId).HasMaxLength(32);
            audit.Property(a => a.CorrelationId).HasMaxLength(100);
            audit.Property(a => a.RecordType).HasMaxLength(100);
            audit.Property(a => a.RecordId).HasMaxLength(300);
            audit.Property(a => a.Action).HasMaxLength(20);
            audit.Property(a => a.Changes).HasColumnType("jsonb");
            // The export pages in (occurred_at, id) order and filters by subject or record.
            audit.HasIndex(a => new { a.OccurredAt, a.Id });
            audit.HasIndex(a => new { a.Subject, a.OccurredAt });
            audit.HasIndex(a => new { a.RecordType, a.RecordId, a.OccurredAt });
        });
        return modelBuilder;
    }
}

/// <summary>What the database does to keep the audit trail append-only; each service's <c>AuditTrail</c> migration calls it.</summary>
public static class AuditMigrationBuilderExtensions
{
    /// <summary>
    /// Refuses <c>UPDATE</c>, <c>DELETE</c> and <c>TRUNCATE</c> on <c>audit_entries</c> with a trigger, whoever runs
    /// them, so neither a bug nor the application's own login can rewrite history. An operator pruning old entries
    /// under a retention policy disables the trigger as the table's owner, deliberately.
    /// </summary>
    public static Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder MakeAuditTrailAppendOnly(
        this Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit trail is append-only: % on {AuditModelBuilderExtensions.AuditTable} is refused', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$;
            CREATE TRIGGER audit_entries_no_update_or_delete BEFORE UPDATE OR DELETE ON {AuditModelBuilderExtensions.AuditTable}
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
            CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON {AuditModelBuilderExtensions.AuditTable}
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
            """);
        return migrationBuilder;
    }

    /// <summary>Undoes <see cref="MakeAuditTrailAppendOnly"/>, for a migration's <c>Down</c>.</summary>
    public static Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder DropAuditTrailAppendOnly(
        this Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            DROP TRIGGER IF EXISTS audit_entries_no_truncate ON {AuditModelBuilderExtensions.AuditTable};
            DROP TRIGGER IF EXISTS audit_entries_no_update_or_delete ON {AuditModelBuilderExtensions.AuditTable};
            DROP FUNCTION IF EXISTS audit_entries_append_only();
            """);
        return migrationBuilder;
    }
}
