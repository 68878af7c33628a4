using Microsoft.EntityFrameworkCore;

namespace Concordat.Messaging;

/// <summary>
/// One change to one record, kept by the service that owns the record and written in the same transaction as the
/// change (see <see cref="AuditInterceptor"/>): who made it, on whose behalf, through what, and what changed.
/// Append-only: the application never updates or deletes one.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>UUID v7, so ids sort roughly by time.</summary>
    public Guid Id { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>
    /// Who made the change: the token's <c>sub</c> (<c>api-key:&lt;id&gt;</c> for a partner key), <c>anonymous</c> for a
    /// request without one, <c>system:&lt;service&gt;</c> for the service's own work (demo data, start-up) and
    /// <c>event:&lt;event type&gt;</c> for a consumer applying an integration event.
    /// </summary>
    public required string Subject { get; init; }

    /// <summary>The roles the token carried when the change was made.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The organisation the caller acted for (the token's <c>organisation</c>), if any.</summary>
    public string? Organisation { get; init; }

    /// <summary>The authentication scheme that admitted the caller (<c>Bearer</c>, an API key scheme), if any.</summary>
    public string? AuthMethod { get; init; }

    /// <summary><c>PUT /api/registry/people/…</c> for a request; the event type or task name otherwise.</summary>
    public required string Operation { get; init; }

    /// <summary>The W3C trace id, to find the request's trace.</summary>
    public string? TraceId { get; init; }

    /// <summary>The gateway's <c>X-Correlation-Id</c> for a request; the event id for a consumer.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The kind of record, in snake case (<c>person</c>, <c>body_relationship</c>).</summary>
    public required string RecordType { get; init; }

    /// <summary>The record's key (key values joined by commas for a composite key).</summary>
    public required string RecordId { get; init; }

    /// <summary><c>created</c>, <c>changed</c> or <c>removed</c>.</summary>
    public required string Action { get; init; }

    /// <summary>
    /// JSON object: for each changed property (camel case, as in the API), <c>{"old": …, "new": …}</c>; a property
    /// marked <see cref="NotAuditedAttribute"/> appears as <c>{"redacted": true}</c>, without its values.
    /// </summary>
    public string Changes { get; init; } = "{}";
}

/// <summary>The actions an audit entry records.</summary>
public static class AuditActions
{
    public const string Created = "created";
    public const string Changed = "changed";
    public const string Removed = "removed";
}

/// <summary>
/// On a property: its values are never written to the audit trail (large or secret); a change to it is noted as
/// redacted. On an entity class: its changes are not audited at all.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, Inherited = true)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>
/// On a nullable property of a record removed by marking it (a tombstone, e.g. <c>RemovedAt</c>): the change that
/// sets it is audited as <c>removed</c> rather than <c>changed</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class MarksRemovalAttribute : Attribute;

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
