namespace Concordat.Audit;

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
