using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Subscriptions.Idempotency;

/// <summary>
/// A partner's <c>POST</c> sent with an <c>Idempotency-Key</c>, and what it was answered, for 24 hours: the same key
/// and body get the same answer without doing it again; the same key with another body gets 422. The answer is kept
/// encrypted, since a new endpoint's answer carries its signing secret.
/// </summary>
public sealed class IdempotentRequest
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>The caller the key belongs to: its organisation, or its subject.</summary>
    public string Caller { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>SHA-256 of the method, path and body, hex.</summary>
    public string RequestHash { get; set; } = "";

    public int StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    /// <summary>The answer's body, encrypted by Data Protection.</summary>
    public string ProtectedBody { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> request)
    {
        request.ToTable("idempotent_requests");
        request.HasKey(r => new { r.Caller, r.Key });
        request.Property(r => r.Caller).HasMaxLength(200);
        request.Property(r => r.Key).HasMaxLength(200);
        request.Property(r => r.RequestHash).HasMaxLength(64);
        request.Property(r => r.ContentType).HasMaxLength(200);
        request.Property(r => r.Location).HasMaxLength(500);
        request.HasIndex(r => r.CreatedAt);
    }
}
